import { CONTACTS_SOURCE_CHANGED, IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type DatePeriod, type MoneyAmount } from '@crm/contracts';
import { int, patched, str, type AnyEvent, type Row, type RowProjection, type StateProjection } from './projection.js';

/** rpt_source: the sources of capture (name, channel), newest version wins. */
export class SourceProjection implements StateProjection {
  readonly table = 'rpt_source';
  readonly keyColumn = 'source_id';
  readonly keyType = 'uuid' as const;
  readonly types = [CONTACTS_SOURCE_CHANGED];

  keyOf(event: AnyEvent): string | null {
    return str(event.data.sourceId);
  }

  blank(tenantId: string, key: string): Row {
    return { tenant_id: tenantId, source_id: key, name: null, channel: null, active: null, version: 0 };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const version = int(d.version) ?? 0;
    if (version <= Number(row.version)) return row;
    return patched(row, { version, name: str(d.name), channel: str(d.channel), active: d.active === true });
  }
}

/** rpt_source_cost: a source's cost for a period as the contacts service states it (origin `event`). */
export class SourceCostRows implements RowProjection {
  readonly table = 'rpt_source_cost';
  readonly conflict = ['tenant_id', 'source_id', 'period_from', 'period_to', 'origin'];
  readonly mode = 'replace' as const;
  readonly types = [CONTACTS_SOURCE_CHANGED];

  rowsOf(event: AnyEvent): Row[] {
    const cost = event.data.cost as MoneyAmount | null;
    const period = event.data.period as DatePeriod | null;
    if (!cost || !period) return [];
    return [
      {
        tenant_id: event.tenantid,
        source_id: event.data.sourceId,
        period_from: period.from,
        period_to: period.to,
        amount: cost.amount,
        currency: cost.currency,
        origin: 'event',
        recorded_by: str(event.data.changedBy),
        recorded_at: event.time,
      },
    ];
  }
}

/** rpt_user: names and teams of users (seller names; a seller's teams for activity visibility). */
export class UserProjection implements StateProjection {
  readonly table = 'rpt_user';
  readonly keyColumn = 'user_id';
  readonly keyType = 'uuid' as const;
  readonly types = [IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED];

  keyOf(event: AnyEvent): string | null {
    return str(event.data.userId);
  }

  blank(tenantId: string, key: string): Row {
    return { tenant_id: tenantId, user_id: key, name: null, roles: null, team_ids: null, version: 0 };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const version = int(d.version) ?? 0;
    if (version <= Number(row.version)) return row;
    return patched(row, { version, name: str(d.name), roles: Array.isArray(d.roles) ? d.roles : [], team_ids: Array.isArray(d.teamIds) ? d.teamIds : [] });
  }
}

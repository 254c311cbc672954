import { CONTACTS_CONTACT_ASSIGNED, CONTACTS_CONTACT_CONVERTED, CONTACTS_CONTACT_CREATED, CONTACTS_CONTACT_UPDATED, CONTACT_LIFECYCLES, type FieldChange } from '@crm/contracts';
import { earliest, int, iso, normaliseTaxId, patched, str, type AnyEvent, type Row, type StateProjection } from './projection.js';
import { contactCells, type CubeEntry } from './cube.js';

const isLifecycle = (value: unknown): value is string => typeof value === 'string' && (CONTACT_LIFECYCLES as readonly string[]).includes(value);

/**
 * rpt_contact: one row per contact. Lifecycle and owner keep the event version they came from
 * (newest wins, as before); `customer_at` is the earliest instant the contact was seen a
 * customer (creation as customer, conversion, lifecycle change), so order and repeats do not matter.
 */
export class ContactProjection implements StateProjection {
  constructor(private readonly timeZone = 'America/Bogota') {}

  cells(row: Row): CubeEntry[] {
    return contactCells(row, this.timeZone);
  }

  readonly table = 'rpt_contact';
  readonly keyColumn = 'contact_id';
  readonly keyType = 'uuid' as const;
  readonly types = [CONTACTS_CONTACT_CREATED, CONTACTS_CONTACT_UPDATED, CONTACTS_CONTACT_ASSIGNED, CONTACTS_CONTACT_CONVERTED];

  keyOf(event: AnyEvent): string | null {
    return str(event.data.contactId);
  }

  blank(tenantId: string, key: string): Row {
    return {
      tenant_id: tenantId,
      contact_id: key,
      created: false,
      created_at: null,
      initial_lifecycle: null,
      lifecycle: null,
      lifecycle_version: 0,
      owner_id: null,
      owner_version: 0,
      team_id: null,
      source_id: null,
      tax_id: null,
      display_name: null,
      customer_at: null,
    };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const version = int(d.version) ?? 0;
    const lifecycleVersion = Number(row.lifecycle_version);
    const ownerVersion = Number(row.owner_version);
    switch (event.type) {
      case CONTACTS_CONTACT_CREATED: {
        const createdAt = iso(d.createdAt) ?? iso(event.time);
        const takeLifecycle = isLifecycle(d.lifecycle) && (version > lifecycleVersion || row.lifecycle === null);
        const takeOwner = version > ownerVersion;
        return patched(row, {
          created: true,
          created_at: createdAt,
          initial_lifecycle: isLifecycle(d.lifecycle) ? d.lifecycle : null,
          lifecycle: takeLifecycle ? d.lifecycle : undefined,
          lifecycle_version: takeLifecycle ? Math.max(version, lifecycleVersion) : undefined,
          owner_id: takeOwner ? (str(d.ownerId) ?? null) : undefined,
          owner_version: takeOwner ? version : undefined,
          team_id: row.team_id ?? str(d.teamId),
          source_id: row.source_id ?? str(d.sourceId),
          tax_id: row.tax_id ?? normaliseTaxId(d.taxId),
          display_name: str(d.displayName) ?? row.display_name,
          customer_at: d.lifecycle === 'customer' ? earliest(row.customer_at, createdAt) : undefined,
        });
      }
      case CONTACTS_CONTACT_ASSIGNED:
        if (version <= ownerVersion) return row;
        return patched(row, { owner_id: str(d.ownerId), owner_version: version, team_id: str(d.teamId) ?? row.team_id });
      case CONTACTS_CONTACT_CONVERTED: {
        const becameCustomer = d.to === 'customer' || d.isCustomer === true;
        return patched(row, {
          lifecycle: version > lifecycleVersion && isLifecycle(d.to) ? d.to : undefined,
          lifecycle_version: version > lifecycleVersion && isLifecycle(d.to) ? version : undefined,
          customer_at: becameCustomer ? earliest(row.customer_at, d.convertedAt) : undefined,
          tax_id: row.tax_id ?? normaliseTaxId(d.taxId),
        });
      }
      case CONTACTS_CONTACT_UPDATED: {
        let next = row;
        for (const change of (d.changes as FieldChange[] | undefined) ?? []) {
          if (change.field === 'lifecycle' && isLifecycle(change.to) && version > Number(next.lifecycle_version)) {
            next = patched(next, { lifecycle: change.to, lifecycle_version: version, customer_at: change.to === 'customer' ? earliest(next.customer_at, d.updatedAt) : undefined });
          }
          if (change.field === 'ownerId' && (change.to === null || typeof change.to === 'string') && version > Number(next.owner_version)) {
            next = patched(next, { owner_id: change.to, owner_version: version });
          }
          if (change.field === 'sourceId' && (change.to === null || typeof change.to === 'string')) next = patched(next, { source_id: change.to });
          if (change.field === 'teamId' && (change.to === null || typeof change.to === 'string')) next = patched(next, { team_id: change.to });
          if (change.field === 'taxId') next = patched(next, { tax_id: normaliseTaxId(change.to) });
        }
        return next;
      }
      default:
        return row;
    }
  }
}

import type { EventsFromSelect } from '@crm/messaging';

/**
 * The set-based statements of one import batch (rows $1..$2 of the staging table `t`). Each is a
 * single statement over the whole batch: no per-row round trips.
 */

/** How an existing contact's key is computed; matches the indexes contact_email and contact_tax_id_key. */
export const CONTACT_KEY_SQL = {
  email: { expr: 'lower(c.email)', present: 'c.email IS NOT NULL' },
  taxId: { expr: "upper(regexp_replace(c.tax_id, '[^0-9A-Za-z]', '', 'g'))", present: 'c.tax_id IS NOT NULL' },
} as const;

/** A later row of the file with the same key as an earlier accepted row is refused ($3 = message prefix). */
export function markRepeatsSql(t: string, column: 'dedupe_key' | 'email'): string {
  return `UPDATE ${t} s SET reason = $3::text || d.first_row::text
    FROM (
      SELECT s1.row_no,
        (SELECT min(s2.row_no) FROM ${t} s2 WHERE s2.${column} = s1.${column} AND s2.reason IS NULL AND s2.row_no < s1.row_no) AS first_row
      FROM ${t} s1 WHERE s1.row_no BETWEEN $1 AND $2 AND s1.reason IS NULL AND s1.${column} IS NOT NULL
    ) d
    WHERE s.row_no = d.row_no AND d.first_row IS NOT NULL`;
}

/** Contacts a row can match: of the tenant ($3) and not merged away into another contact. */
const LIVE = 'c.tenant_id = $3::uuid AND c.merged_into_id IS NULL';

/** The oldest live contact of the tenant with the row's key ($3 = tenant). */
export function matchExistingSql(t: string, key: keyof typeof CONTACT_KEY_SQL): string {
  const { expr, present } = CONTACT_KEY_SQL[key];
  return `UPDATE ${t} s SET existing_id = m.id
    FROM (
      SELECT s1.row_no,
        (SELECT c.id FROM contacts.contact c WHERE ${LIVE} AND ${present} AND ${expr} = s1.dedupe_key ORDER BY c.created_at, c.id LIMIT 1) AS id
      FROM ${t} s1 WHERE s1.row_no BETWEEN $1 AND $2 AND s1.reason IS NULL AND s1.dedupe_key IS NOT NULL
    ) m
    WHERE s.row_no = m.row_no AND m.id IS NOT NULL`;
}

/**
 * Deduping on tax id, a row must still not give a contact an e-mail another contact has (the API
 * answers 409 for that). $3 = tenant, $4 = true when matched rows will be updated.
 */
export function rejectTakenEmailsSql(t: string): string {
  return `UPDATE ${t} s SET reason = 'Ya existe otro contacto con el correo ' || s.email
    WHERE s.row_no BETWEEN $1 AND $2 AND s.reason IS NULL AND s.email IS NOT NULL AND (s.existing_id IS NULL OR $4::boolean)
      AND EXISTS (SELECT 1 FROM contacts.contact c WHERE ${LIVE} AND c.email IS NOT NULL AND lower(c.email) = s.email AND c.id IS DISTINCT FROM s.existing_id)`;
}

/** A row that creates a contact: valid, and no live contact of the tenant has its key (never matched with onDuplicate=create). */
const CREATES = 's.reason IS NULL AND s.existing_id IS NULL';

/**
 * onDuplicate=update: marks the matched rows to update. `visibleSql` (null: sees everything)
 * keeps a manager's import from changing contacts they cannot see; those rows are skipped.
 * Only matched rows are written, so a batch of new contacts costs nothing here.
 */
export function markUpdatesSql(t: string, visibleSql: string | null): string {
  return `UPDATE ${t} s SET outcome = 'update'
    WHERE s.row_no BETWEEN $1 AND $2 AND s.reason IS NULL AND s.existing_id IS NOT NULL${visibleSql ? ` AND s.existing_id IN (${visibleSql})` : ''}`;
}

/** $3 tenant, $4 default kind, $5 default lifecycle, $6 source, $7 owner, $8 team, $9 shared, $10 actor. */
export function insertContactsSql(t: string): string {
  return `INSERT INTO contacts.contact (id, tenant_id, kind, lifecycle, first_name, last_name, company_name, display_name, email, phone, emails, phones,
      position, tax_id, street, city, region, postal_code, country, website, linkedin_url, industry, category, tags, priority, interest_level,
      source_id, owner_id, team_id, shared_with_team, created_by, updated_by, customer_since, supplier_since)
    SELECT s.new_id, $3::uuid, coalesce(s.kind, $4::text), coalesce(s.lifecycle, $5::text), s.first_name, s.last_name, s.company_name, s.display_name, s.email, s.phone,
      CASE WHEN s.email IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('value', s.email, 'label', 'work', 'primary', true)) END,
      CASE WHEN s.phone IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('value', s.phone, 'label', 'mobile', 'primary', true)) END,
      s.position, s.tax_id, s.street, s.city, s.region, s.postal_code, s.country, s.website, s.linkedin_url, s.industry, s.category,
      coalesce(s.tags, '{}'), coalesce(s.priority, 'normal'), s.interest_level, $6::uuid, $7::uuid, $8::uuid, $9::boolean, $10::uuid, $10::uuid,
      CASE WHEN coalesce(s.lifecycle, $5::text) = 'customer' THEN now() END, CASE WHEN coalesce(s.lifecycle, $5::text) = 'supplier' THEN now() END
    FROM ${t} s WHERE s.row_no BETWEEN $1 AND $2 AND ${CREATES}`;
}

/**
 * [API field name, column, new value from the file (src) over the old one (o)]. Empty cells never
 * clear a field. Kind and lifecycle are not updated, as PATCH does not: a lifecycle change is a
 * conversion (POST /contacts/{id}/convert, with its history and ERP event).
 */
const UPDATED_FIELDS: readonly [string, string, string][] = [
  ['firstName', 'first_name', 'coalesce(src.first_name, o.first_name)'],
  ['lastName', 'last_name', 'coalesce(src.last_name, o.last_name)'],
  ['companyName', 'company_name', 'coalesce(src.company_name, o.company_name)'],
  ['email', 'email', 'coalesce(src.email, o.email)'],
  [
    'emails',
    'emails',
    `CASE WHEN src.email IS NULL OR src.email = o.email THEN o.emails ELSE jsonb_build_array(jsonb_build_object('value', src.email, 'label', 'work', 'primary', true))
      || coalesce((SELECT jsonb_agg(e || '{"primary": false}'::jsonb) FROM jsonb_array_elements(o.emails) e WHERE e->>'value' <> src.email), '[]'::jsonb) END`,
  ],
  ['phone', 'phone', 'coalesce(src.phone, o.phone)'],
  [
    'phones',
    'phones',
    `CASE WHEN src.phone IS NULL OR src.phone = o.phone THEN o.phones ELSE jsonb_build_array(jsonb_build_object('value', src.phone, 'label', 'mobile', 'primary', true))
      || coalesce((SELECT jsonb_agg(e || '{"primary": false}'::jsonb) FROM jsonb_array_elements(o.phones) e WHERE e->>'value' <> src.phone), '[]'::jsonb) END`,
  ],
  ['position', 'position', 'coalesce(src.position, o.position)'],
  ['taxId', 'tax_id', 'coalesce(src.tax_id, o.tax_id)'],
  ['street', 'street', 'coalesce(src.street, o.street)'],
  ['city', 'city', 'coalesce(src.city, o.city)'],
  ['region', 'region', 'coalesce(src.region, o.region)'],
  ['postalCode', 'postal_code', 'coalesce(src.postal_code, o.postal_code)'],
  ['country', 'country', 'coalesce(src.country, o.country)'],
  ['website', 'website', 'coalesce(src.website, o.website)'],
  ['linkedinUrl', 'linkedin_url', 'coalesce(src.linkedin_url, o.linkedin_url)'],
  ['industry', 'industry', 'coalesce(src.industry, o.industry)'],
  ['category', 'category', 'coalesce(src.category, o.category)'],
  // Tags from the file are added; none is removed.
  ['tags', 'tags', "o.tags || ARRAY(SELECT DISTINCT tag FROM unnest(coalesce(src.tags, '{}')) tag WHERE NOT tag = ANY(o.tags))"],
  ['priority', 'priority', 'coalesce(src.priority, o.priority)'],
  ['interestLevel', 'interest_level', 'coalesce(src.interest_level, o.interest_level)'],
];

/**
 * onDuplicate=update: applies the file's non-empty cells to the matched contacts, bumps their
 * version only when something changed, and keeps the change list (field, from, to) per row in the
 * staging table for the timeline and the events. $3 tenant, $4 actor.
 */
export function updateContactsSql(t: string): string {
  const newValues = UPDATED_FIELDS.map(([, column, expr]) => `${expr} AS n_${column}, o.${column} AS o_${column}`).join(',\n        ');
  const displayName = "CASE WHEN o_kind = 'organization' THEN coalesce(n_company_name, '') ELSE concat_ws(' ', n_first_name, n_last_name) END";
  const changes = [...UPDATED_FIELDS.map(([field, column]) => [field, `o_${column}`, `n_${column}`]), ['displayName', 'o_display_name', 'n_display_name']]
    .map(([field, from, to], index) => `(${index}, CASE WHEN ${to} IS DISTINCT FROM ${from} THEN jsonb_build_object('field', '${field}', 'from', ${from}, 'to', ${to}) END)`)
    .join(',\n          ');
  const sets = UPDATED_FIELDS.map(([, column]) => `${column} = d.n_${column}`).join(', ');
  return `WITH calc AS (
      SELECT src.row_no, o.id, o.kind AS o_kind, o.display_name AS o_display_name,
        ${newValues}
      FROM ${t} src JOIN contacts.contact o ON o.id = src.existing_id AND o.tenant_id = $3::uuid
      WHERE src.row_no BETWEEN $1 AND $2 AND src.outcome = 'update'
      FOR UPDATE OF o
    ), named AS (
      SELECT calc.*, ${displayName} AS n_display_name FROM calc
    ), diff AS (
      SELECT named.*, (SELECT coalesce(jsonb_agg(ch ORDER BY ord), '[]'::jsonb) FROM (VALUES
          ${changes}
        ) v(ord, ch) WHERE ch IS NOT NULL) AS changes
      FROM named
    ), upd AS (
      UPDATE contacts.contact c SET ${sets}, display_name = d.n_display_name, version = c.version + 1, updated_at = now(), updated_by = $4::uuid
      FROM diff d WHERE c.id = d.id AND d.changes <> '[]'::jsonb
      RETURNING c.id, c.version
    )
    UPDATE ${t} s SET outcome = CASE WHEN u.id IS NULL THEN 'unchanged' ELSE 'updated' END, changes = d.changes, new_version = u.version
    FROM diff d LEFT JOIN upd u ON u.id = d.id
    WHERE s.row_no = d.row_no`;
}

/** Timeline entries for created and updated contacts. $3 tenant, $4 actor, $5 job id. */
export function timelineSql(t: string): string {
  return `INSERT INTO contacts.contact_change (tenant_id, contact_id, kind, actor_id, changes, details)
    SELECT $3::uuid, coalesce(s.existing_id, s.new_id), CASE WHEN s.existing_id IS NULL THEN 'created' ELSE 'updated' END,
      $4::uuid, coalesce(s.changes, '[]'::jsonb), jsonb_build_object('importJobId', $5::text, 'row', s.row_no)
    FROM ${t} s WHERE s.row_no BETWEEN $1 AND $2 AND (${CREATES} OR s.outcome = 'updated')`;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Where the events of a batch go: the tenant is $3, the correlation id $4 (or null: each event's own id). */
const EVENT_CONTEXT = { tenantSql: '$3::uuid', correlationSql: '$4::text' } as const;

/** One contacts.contact.created per created contact (its data as ContactsService.create sends it), for OutboxBulkWriter. */
export function createdEvents(t: string, type: string): EventsFromSelect {
  const data = `jsonb_build_object('contactId', c.id, 'kind', c.kind, 'lifecycle', c.lifecycle, 'displayName', c.display_name, 'email', c.email,
      'phone', c.phone, 'ownerId', c.owner_id, 'teamId', c.team_id, 'sourceId', c.source_id, 'companyId', c.company_id, 'taxId', c.tax_id,
      'createdBy', c.created_by, 'createdAt', ${ISO('c.created_at')}, 'version', c.version)`;
  return {
    type,
    ...EVENT_CONTEXT,
    select: `SELECT c.id AS subject, ${data} AS data FROM ${t} s JOIN contacts.contact c ON c.id = s.new_id
      WHERE s.row_no BETWEEN $1 AND $2 AND ${CREATES} ORDER BY s.row_no`,
  };
}

/** One contacts.contact.updated per changed contact (its data as ContactsService.update sends it). $5 actor. */
export function updatedEvents(t: string, type: string): EventsFromSelect {
  const data = `jsonb_build_object('contactId', c.id, 'changes', s.changes, 'updatedBy', $5::text, 'updatedAt', ${ISO('c.updated_at')}, 'version', s.new_version)`;
  return {
    type,
    ...EVENT_CONTEXT,
    select: `SELECT c.id AS subject, ${data} AS data FROM ${t} s JOIN contacts.contact c ON c.id = s.existing_id
      WHERE s.row_no BETWEEN $1 AND $2 AND s.outcome = 'updated' ORDER BY s.row_no`,
  };
}

/** $3 tenant, $4 job. Idempotent, so a resumed job can repeat a batch's bookkeeping. */
export function keepRejectedSql(t: string): string {
  return `INSERT INTO contacts.import_rejected_row (job_id, tenant_id, row_number, raw, reason)
    SELECT $4::uuid, $3::uuid, s.row_no, s.raw, s.reason FROM ${t} s WHERE s.row_no BETWEEN $1 AND $2 AND s.reason IS NOT NULL
    ON CONFLICT (job_id, row_number) DO NOTHING`;
}

export function countOutcomesSql(t: string): string {
  return `SELECT count(*) FILTER (WHERE ${CREATES})::int AS created,
      count(*) FILTER (WHERE s.outcome = 'updated')::int AS updated,
      count(*) FILTER (WHERE s.reason IS NOT NULL)::int AS rejected,
      count(*) FILTER (WHERE s.reason IS NULL AND s.existing_id IS NOT NULL AND s.outcome IS DISTINCT FROM 'updated')::int AS skipped
    FROM ${t} s WHERE s.row_no BETWEEN $1 AND $2`;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search, duplicates and merge.
 *
 * - `contacts.fold_text(text)`: lower case without accents ("José" → "jose"); IMMUTABLE so it can
 *   sit in index expressions. Uses the unaccent extension when provisioning installed it, else a
 *   translate() table covering Spanish, Portuguese, French and German letters.
 * - `search_text`: one folded string per contact (names, company and linked organisation, every
 *   e-mail, phones as digits, tax id without punctuation), kept by a BEFORE trigger and indexed
 *   with pg_trgm (GIN) for `LIKE '%…%'`.
 * - `contact_match_key`: the exact keys duplicates are found by (each e-mail, each phone's last 9
 *   digits, the tax id without punctuation), kept set-based by statement triggers (one insert per
 *   COPY or set-based import statement), so duplicate groups are read from one ordered index.
 * - `merged_into_id`: a merged-away contact points at its survivor and disappears from reads.
 * - Keyset indexes for the list's filters and sorts, tenant first.
 */
/**
 * SELECT (tenant_id, kind, key, contact_id) of the exact duplicate keys of the rows in `from`
 * (alias n): every e-mail (lower case), every phone's last 9 digits (so "+57 300 123 4567" and
 * "3001234567" meet; at least 7 digits), the tax id without punctuation (at least 5 characters).
 * Plain set-returning expressions, no per-row sub-plans: this runs over every row a COPY loads.
 * A key repeated within one contact (two spellings of one phone) may appear twice; readers count
 * distinct contacts.
 */
function matchKeysOf(from: string, where: string): string {
  return `SELECT k.tenant_id, k.kind, k.key, k.id FROM (
      SELECT n.tenant_id, n.id, 'email' AS kind, lower(btrim(jsonb_array_elements(n.emails)->>'value')) AS key FROM ${from} WHERE ${where}
      UNION ALL
      SELECT n.tenant_id, n.id, 'email', lower(btrim(n.email)) FROM ${from}
        WHERE ${where} AND n.email IS NOT NULL AND NOT n.emails @> jsonb_build_array(jsonb_build_object('value', n.email))
      UNION ALL
      SELECT p.tenant_id, p.id, 'phone', right(p.digits, 9) FROM (
          SELECT n.tenant_id, n.id, regexp_replace(jsonb_array_elements(n.phones)->>'value', '[^0-9]', '', 'g') AS digits FROM ${from} WHERE ${where}
          UNION ALL
          SELECT n.tenant_id, n.id, regexp_replace(n.phone, '[^0-9]', '', 'g') FROM ${from}
            WHERE ${where} AND n.phone IS NOT NULL AND NOT n.phones @> jsonb_build_array(jsonb_build_object('value', n.phone))
        ) p WHERE length(p.digits) >= 7
      UNION ALL
      SELECT n.tenant_id, n.id, 'taxId', t.key FROM ${from}, lower(regexp_replace(n.tax_id, '[^0-9A-Za-z]', '', 'g')) t(key)
        WHERE ${where} AND n.tax_id IS NOT NULL AND length(t.key) >= 5
    ) k
    WHERE k.key <> ''`;
}

export class SearchDuplicatesMerge1763712500000 implements MigrationInterface {
  name = 'SearchDuplicatesMerge1763712500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ unaccent }] = await queryRunner.query("SELECT to_regprocedure('public.unaccent(regdictionary, text)') IS NOT NULL AS unaccent");
    const fold = unaccent
      ? "SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))"
      : "SELECT lower(translate($1, 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇçÝýÿ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCcYyy'))";
    await queryRunner.query(`CREATE FUNCTION contacts.fold_text(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ ${fold} $fn$`);

    await queryRunner.query(`
      ALTER TABLE contacts.contact
        ADD COLUMN search_text text NOT NULL DEFAULT '',
        ADD COLUMN merged_into_id uuid REFERENCES contacts.contact(id) ON DELETE CASCADE,
        ADD COLUMN merged_at timestamptz,
        ADD COLUMN merged_by uuid`);
    // Better LIKE estimates on a column where every value is different.
    await queryRunner.query('ALTER TABLE contacts.contact ALTER COLUMN search_text SET STATISTICS 1000');

    // The search document. Recomputed on insert, when one of its inputs changed, or when
    // search_text was reset to '' (how a renamed organisation refreshes its people).
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        organisation text;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.search_text <> ''
           AND (NEW.display_name, NEW.company_name, NEW.company_id, NEW.emails, NEW.email, NEW.phones, NEW.phone, NEW.tax_id)
               IS NOT DISTINCT FROM (OLD.display_name, OLD.company_name, OLD.company_id, OLD.emails, OLD.email, OLD.phones, OLD.phone, OLD.tax_id) THEN
          RETURN NEW;
        END IF;
        IF NEW.company_id IS NOT NULL THEN
          SELECT o.display_name INTO organisation FROM contacts.contact o WHERE o.id = NEW.company_id;
        END IF;
        -- Plain expressions only (no sub-selects): this runs for every row a COPY imports.
        NEW.search_text := concat_ws(' ',
          contacts.fold_text(concat_ws(' ', NEW.display_name, NULLIF(NEW.company_name, NEW.display_name), NULLIF(organisation, NEW.company_name),
            translate(jsonb_path_query_array(NEW.emails, '$[*].value')::text, '[]",', '    '),
            CASE WHEN NEW.email IS NOT NULL AND NOT NEW.emails @> jsonb_build_array(jsonb_build_object('value', NEW.email)) THEN NEW.email END)),
          translate(regexp_replace(jsonb_path_query_array(NEW.phones, '$[*].value')::text, '[^0-9",]', '', 'g'), '",', '  '),
          CASE WHEN NEW.phone IS NOT NULL AND NOT NEW.phones @> jsonb_build_array(jsonb_build_object('value', NEW.phone)) THEN regexp_replace(NEW.phone, '[^0-9]', '', 'g') END,
          lower(regexp_replace(NEW.tax_id, '[^0-9A-Za-z]', '', 'g')));
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query('CREATE TRIGGER contact_search_refresh BEFORE INSERT OR UPDATE ON contacts.contact FOR EACH ROW EXECUTE FUNCTION contacts.contact_search_refresh()');

    // A renamed organisation: its people's search text carries the new name.
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_company_renamed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE contacts.contact SET search_text = '' WHERE tenant_id = NEW.tenant_id AND company_id = NEW.id;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER contact_company_renamed AFTER UPDATE ON contacts.contact FOR EACH ROW
      WHEN (NEW.kind = 'organization' AND OLD.display_name IS DISTINCT FROM NEW.display_name)
      EXECUTE FUNCTION contacts.contact_company_renamed()`);
    await queryRunner.query("UPDATE contacts.contact SET search_text = ''");

    await queryRunner.query(`
      CREATE TABLE contacts.contact_match_key (
        tenant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('email', 'phone', 'taxId')),
        key text NOT NULL,
        -- No foreign key: only the triggers below write here, for rows that exist, and a
        -- per-row FK check would dominate a COPY of a million contacts. Deletes follow below.
        contact_id uuid NOT NULL
      )`);
    // Groups are read in key order from this index alone (index-only scans).
    await queryRunner.query('CREATE INDEX contact_match_key_lookup ON contacts.contact_match_key (tenant_id, kind, key, contact_id)');
    await queryRunner.query('CREATE INDEX contact_match_key_contact ON contacts.contact_match_key (contact_id)');
    // Each statement's rows at once (transition tables), so a COPY of 100k rows costs one insert.
    // JIT off: the planner cannot estimate a transition table and would compile for seconds.
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_keys_inserted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
      BEGIN
        INSERT INTO contacts.contact_match_key (tenant_id, kind, key, contact_id)
        ${matchKeysOf('new_rows n', 'n.merged_into_id IS NULL')};
        RETURN NULL;
      END
      $fn$`);
    // Only rows whose keys or merge state changed are touched (two statements: the insert must
    // see the delete, which one statement with a data-modifying CTE would not).
    const changed = `(n.emails, n.email, n.phones, n.phone, n.tax_id, n.merged_into_id)
              IS DISTINCT FROM (o.emails, o.email, o.phones, o.phone, o.tax_id, o.merged_into_id)`;
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_keys_updated() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
      BEGIN
        DELETE FROM contacts.contact_match_key k USING new_rows n JOIN old_rows o ON o.id = n.id
        WHERE k.contact_id = n.id AND ${changed};
        INSERT INTO contacts.contact_match_key (tenant_id, kind, key, contact_id)
        ${matchKeysOf('new_rows n JOIN old_rows o ON o.id = n.id', `n.merged_into_id IS NULL AND ${changed}`)};
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_keys_deleted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
      BEGIN
        DELETE FROM contacts.contact_match_key k USING old_rows o WHERE k.contact_id = o.id;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER contact_keys_deleted AFTER DELETE ON contacts.contact
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts.contact_keys_deleted()`);
    await queryRunner.query(`CREATE TRIGGER contact_keys_inserted AFTER INSERT ON contacts.contact
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts.contact_keys_inserted()`);
    await queryRunner.query(`CREATE TRIGGER contact_keys_updated AFTER UPDATE ON contacts.contact
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts.contact_keys_updated()`);
    await queryRunner.query(`INSERT INTO contacts.contact_match_key (tenant_id, kind, key, contact_id) ${matchKeysOf('contacts.contact n', 'n.merged_into_id IS NULL')}`);

    // Search and name similarity (duplicates).
    await queryRunner.query('DROP INDEX IF EXISTS contacts.contact_search_trgm');
    // Every search scans the GIN pending list (rows inserted since the last cleanup): a 1 MB cap
    // keeps that cheap while imports are running, at a small cost to bulk inserts.
    await queryRunner.query('CREATE INDEX contact_search_text_trgm ON contacts.contact USING gin (search_text public.gin_trgm_ops) WITH (gin_pending_list_limit = 1024)');
    await queryRunner.query('CREATE INDEX contact_name_trgm ON contacts.contact USING gin (contacts.fold_text(display_name) public.gin_trgm_ops) WITH (gin_pending_list_limit = 1024)');
    await queryRunner.query('CREATE INDEX contact_merged_into ON contacts.contact (merged_into_id) WHERE merged_into_id IS NOT NULL');

    // Sorts: by name (folded, so "Álvaro" sorts with the A's) and by last change.
    await queryRunner.query('DROP INDEX IF EXISTS contacts.contact_keyset_name');
    await queryRunner.query('CREATE INDEX contact_keyset_name ON contacts.contact (tenant_id, contacts.fold_text(display_name), id)');
    await queryRunner.query('CREATE INDEX contact_keyset_updated ON contacts.contact (tenant_id, updated_at, id)');

    // Filters that can be selective: each one walks its own index in creation order.
    await queryRunner.query('DROP INDEX IF EXISTS contacts.contact_owner');
    await queryRunner.query('DROP INDEX IF EXISTS contacts.contact_team');
    await queryRunner.query('CREATE INDEX contact_by_owner ON contacts.contact (tenant_id, owner_id, created_at, id)');
    await queryRunner.query('CREATE INDEX contact_by_team ON contacts.contact (tenant_id, team_id, created_at, id)');
    await queryRunner.query('CREATE INDEX contact_by_lifecycle ON contacts.contact (tenant_id, lifecycle, created_at, id)');
    await queryRunner.query('CREATE INDEX contact_by_source ON contacts.contact (tenant_id, source_id, created_at, id) WHERE source_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_by_country ON contacts.contact (tenant_id, country, created_at, id) WHERE country IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_by_city ON contacts.contact (tenant_id, contacts.fold_text(city), created_at, id) WHERE city IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_by_industry ON contacts.contact (tenant_id, contacts.fold_text(industry), created_at, id) WHERE industry IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_by_category ON contacts.contact (tenant_id, contacts.fold_text(category), created_at, id) WHERE category IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_tags ON contacts.contact USING gin (tags)');
    // Several broad filters together (priority + interest level + industry…) match few rows
    // though each alone matches many: one GIN index over all of them intersects them exactly,
    // where B-trees would fetch every row of the least broad one.
    await queryRunner.query(`
      CREATE FUNCTION contacts.contact_facets(p_kind text, p_lifecycle text, p_priority text, p_interest_level text, p_industry text, p_category text, p_country text, p_city text)
      RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT ARRAY['k:' || coalesce(p_kind, ''), 'lc:' || coalesce(p_lifecycle, ''), 'p:' || coalesce(p_priority, ''), 'il:' || coalesce(p_interest_level, ''),
                     'ind:' || coalesce(contacts.fold_text(p_industry), ''), 'cat:' || coalesce(contacts.fold_text(p_category), ''),
                     'co:' || coalesce(upper(p_country), ''), 'city:' || coalesce(contacts.fold_text(p_city), '')]
      $fn$`);
    // Stored, so a list walking its sort index tests each row with a plain array comparison.
    await queryRunner.query(`ALTER TABLE contacts.contact ADD COLUMN facets text[]
      GENERATED ALWAYS AS (contacts.contact_facets(kind, lifecycle, priority, interest_level, industry, category, country, city)) STORED`);
    await queryRunner.query('CREATE INDEX contact_facets ON contacts.contact USING gin (facets)');

    // Visibility of sales and support (owner, or created unassigned, or team-shared): each arm
    // has an index so the planner can combine them, and joint statistics so it knows an owner's
    // contacts sit in the owner's team (without them it walks the whole list looking for
    // another team's owner and finds nothing).
    await queryRunner.query('CREATE INDEX contact_unassigned_by_creator ON contacts.contact (tenant_id, created_by) WHERE owner_id IS NULL');
    await queryRunner.query('CREATE STATISTICS contacts.contact_visibility_stats (mcv) ON owner_id, team_id, shared_with_team, created_by FROM contacts.contact');
    await queryRunner.query('ANALYZE contacts.contact');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP STATISTICS contacts.contact_visibility_stats');
    for (const index of [
      'contact_unassigned_by_creator',
      'contact_facets',
      'contact_tags',
      'contact_by_category',
      'contact_by_industry',
      'contact_by_city',
      'contact_by_country',
      'contact_by_source',
      'contact_by_lifecycle',
      'contact_by_team',
      'contact_by_owner',
      'contact_keyset_updated',
      'contact_keyset_name',
      'contact_merged_into',
      'contact_name_trgm',
      'contact_search_text_trgm',
    ]) {
      await queryRunner.query(`DROP INDEX contacts.${index}`);
    }
    await queryRunner.query('CREATE INDEX contact_owner ON contacts.contact (tenant_id, owner_id)');
    await queryRunner.query('CREATE INDEX contact_team ON contacts.contact (tenant_id, team_id)');
    await queryRunner.query('CREATE INDEX contact_keyset_name ON contacts.contact (tenant_id, display_name, id)');
    await queryRunner.query("CREATE INDEX contact_search_trgm ON contacts.contact USING gin ((display_name || ' ' || coalesce(email, '')) public.gin_trgm_ops)");
    await queryRunner.query('DROP TRIGGER contact_keys_deleted ON contacts.contact');
    await queryRunner.query('DROP TRIGGER contact_keys_updated ON contacts.contact');
    await queryRunner.query('DROP TRIGGER contact_keys_inserted ON contacts.contact');
    await queryRunner.query('DROP TRIGGER contact_company_renamed ON contacts.contact');
    await queryRunner.query('DROP TRIGGER contact_search_refresh ON contacts.contact');
    await queryRunner.query('DROP TABLE contacts.contact_match_key');
    await queryRunner.query('DROP FUNCTION contacts.contact_keys_deleted(), contacts.contact_keys_updated(), contacts.contact_keys_inserted()');
    await queryRunner.query('DROP FUNCTION contacts.contact_company_renamed(), contacts.contact_search_refresh()');
    await queryRunner.query('ALTER TABLE contacts.contact DROP COLUMN facets, DROP COLUMN merged_by, DROP COLUMN merged_at, DROP COLUMN merged_into_id, DROP COLUMN search_text');
    await queryRunner.query('DROP FUNCTION contacts.contact_facets(text, text, text, text, text, text, text, text)');
    await queryRunner.query('DROP FUNCTION contacts.fold_text(text)');
  }
}

import pg from 'pg';
import { BenchPlatform } from './bench/lib/platform.mjs';
const platform = new BenchPlatform({ services: ['contacts'], gateway: false });
await platform.start();
const client = new pg.Client({ connectionString: platform.serviceDatabaseUrl('contacts') });
await client.connect();
const tenant = '11111111-1111-1111-1111-111111111111';
async function time(label, sql) { const t = performance.now(); await client.query(sql); console.log(label, (performance.now() - t).toFixed(0), 'ms'); }
const ins = (n, off) => `INSERT INTO contacts.contact (tenant_id, kind, lifecycle, first_name, last_name, display_name, email, phone, emails, phones, company_name, position, city, country, tax_id, tags, created_by, updated_by)
  SELECT '${tenant}', 'person', 'prospect', 'Ana', 'Gómez', 'Ana Gómez', 'ana.'||g||'.${off}@x.co', '+57 300 '||g, jsonb_build_array(jsonb_build_object('value','ana.'||g||'.${off}@x.co','label','work','primary',true)), jsonb_build_array(jsonb_build_object('value','+57 300 '||g,'label','mobile','primary',true)), 'Empresa '||g, 'Gerente', 'Cali', 'CO', (900000000+g)::text, '{feria,lote}', '${tenant}', '${tenant}' FROM generate_series(1, ${n}) g`;
await time('insert 10k (all triggers)', ins(10000, 'a'));
await time('insert 10k again', ins(10000, 'b'));
await client.query('ALTER TABLE contacts.contact DISABLE TRIGGER contact_search_refresh');
await time('insert 10k without search_refresh trigger', ins(10000, 'c'));
await client.query('ALTER TABLE contacts.contact DISABLE TRIGGER contact_keys_inserted');
await time('insert 10k without both triggers', ins(10000, 'd'));
const idx = (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname='contacts' AND tablename='contact'`)).rows;
console.log(idx.map(r => r.indexname).join(', '));
for (const name of ['contact_search_text_trgm', 'contact_name_trgm', 'contact_tags']) {
  try { await client.query(`DROP INDEX contacts.${name}`); } catch (e) { console.log(e.message); }
}
await time('insert 10k without triggers and GIN indexes', ins(10000, 'e'));
await client.end();
await platform.stop();

// Generates realistic contacts (Spanish names, Colombian/Spanish/Latin American cities, companies,
// e-mails, phones, NIT/cédula tax ids, tags, owners, teams, sources, interests) and COPYs them
// into contacts.contact of one tenant, through the same triggers the service relies on (search
// text, duplicate keys). Deterministic for a given --seed. About 0.5% of the people are planted
// duplicates (same e-mail, phone or tax id, or the same name without accents in the same city).
//
//   node bench/generate-contacts.mjs --database-url=postgres://postgres@127.0.0.1:5432/<db> \
//        --tenant=<uuid> [--count=1000000] [--created-by=<uuid>] [--owners=<uuid,…>] [--teams=<uuid,…>] [--seed=42] [--keep-indexes]
//
// By default the secondary indexes of contacts.contact (and of the duplicate-key and interest
// tables) are dropped before the COPY and rebuilt after it: meant for a bench database or a
// platform nobody else is using meanwhile. --keep-indexes loads through the live indexes.
//
// or `import { generateContacts } from './generate-contacts.mjs'` (bench/search.bench.mjs does).
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const FIRST_NAMES = [
  'José',
  'María',
  'Juan',
  'Ana',
  'Luis',
  'Carmen',
  'Carlos',
  'Lucía',
  'Andrés',
  'Sofía',
  'Jorge',
  'Valentina',
  'Miguel',
  'Camila',
  'Alejandro',
  'Isabel',
  'Fernando',
  'Paula',
  'Javier',
  'Daniela',
  'Sebastián',
  'Laura',
  'Diego',
  'Mariana',
  'Ricardo',
  'Natalia',
  'Felipe',
  'Gabriela',
  'Santiago',
  'Andrea',
  'Óscar',
  'Mónica',
  'Raúl',
  'Patricia',
  'Héctor',
  'Verónica',
  'Julián',
  'Ángela',
  'Iván',
  'Claudia',
  'Sergio',
  'Lorena',
  'Tomás',
  'Inés',
  'Nicolás',
  'Elena',
  'Esteban',
  'Beatriz',
  'Gonzalo',
  'Rocío',
  'Manuel',
  'Teresa',
  'Rafael',
  'Pilar',
  'Álvaro',
  'Marta',
  'Mateo',
  'Juliana',
  'Emilio',
  'Catalina',
];
const LAST_NAMES = [
  'García',
  'Rodríguez',
  'Martínez',
  'López',
  'González',
  'Hernández',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Flores',
  'Rivera',
  'Gómez',
  'Díaz',
  'Reyes',
  'Morales',
  'Cruz',
  'Ortiz',
  'Gutiérrez',
  'Chávez',
  'Ramos',
  'Ruiz',
  'Jiménez',
  'Vargas',
  'Castillo',
  'Romero',
  'Álvarez',
  'Moreno',
  'Muñoz',
  'Rojas',
  'Restrepo',
  'Zapata',
  'Ospina',
  'Cárdenas',
  'Castaño',
  'Londoño',
  'Giraldo',
  'Quintero',
  'Valencia',
  'Mejía',
  'Salazar',
  'Arango',
  'Betancur',
  'Echeverri',
  'Uribe',
  'Vélez',
  'Herrera',
  'Medina',
  'Aguilar',
  'Navarro',
  'Domínguez',
  'Vásquez',
  'Suárez',
  'Peña',
  'Guerrero',
  'Molina',
  'Delgado',
  'Castro',
  'Ibáñez',
  'Cabrera',
];
/** [city, region, country, weight] */
const CITIES = [
  ['Bogotá', 'Cundinamarca', 'CO', 300],
  ['Medellín', 'Antioquia', 'CO', 150],
  ['Cali', 'Valle del Cauca', 'CO', 90],
  ['Barranquilla', 'Atlántico', 'CO', 60],
  ['Cartagena', 'Bolívar', 'CO', 40],
  ['Bucaramanga', 'Santander', 'CO', 35],
  ['Pereira', 'Risaralda', 'CO', 25],
  ['Manizales', 'Caldas', 'CO', 20],
  ['Cúcuta', 'Norte de Santander', 'CO', 20],
  ['Ibagué', 'Tolima', 'CO', 15],
  ['Santa Marta', 'Magdalena', 'CO', 15],
  ['Villavicencio', 'Meta', 'CO', 12],
  ['Pasto', 'Nariño', 'CO', 10],
  ['Montería', 'Córdoba', 'CO', 10],
  ['Neiva', 'Huila', 'CO', 8],
  ['Armenia', 'Quindío', 'CO', 8],
  ['Popayán', 'Cauca', 'CO', 6],
  ['Valledupar', 'Cesar', 'CO', 6],
  ['Tunja', 'Boyacá', 'CO', 5],
  ['Leticia', 'Amazonas', 'CO', 1],
  ['Madrid', 'Comunidad de Madrid', 'ES', 25],
  ['Barcelona', 'Cataluña', 'ES', 15],
  ['Valencia', 'Comunidad Valenciana', 'ES', 8],
  ['Sevilla', 'Andalucía', 'ES', 6],
  ['Bilbao', 'País Vasco', 'ES', 3],
  ['Ciudad de México', 'CDMX', 'MX', 20],
  ['Guadalajara', 'Jalisco', 'MX', 8],
  ['Monterrey', 'Nuevo León', 'MX', 8],
  ['Lima', 'Lima', 'PE', 15],
  ['Arequipa', 'Arequipa', 'PE', 3],
  ['Quito', 'Pichincha', 'EC', 10],
  ['Guayaquil', 'Guayas', 'EC', 8],
  ['Santiago', 'Región Metropolitana', 'CL', 12],
  ['Valparaíso', 'Valparaíso', 'CL', 3],
  ['Buenos Aires', 'CABA', 'AR', 12],
  ['Córdoba', 'Córdoba', 'AR', 3],
  ['Panamá', 'Panamá', 'PA', 5],
  ['San José', 'San José', 'CR', 4],
];
const COMPANY_PREFIXES = [
  'Distribuciones',
  'Inversiones',
  'Comercializadora',
  'Industrias',
  'Constructora',
  'Transportes',
  'Servicios',
  'Alimentos',
  'Tecnología',
  'Laboratorios',
  'Confecciones',
  'Agropecuaria',
  'Ferretería',
  'Consultores',
  'Soluciones',
  'Importadora',
  'Logística',
  'Clínica',
  'Editorial',
  'Hoteles',
];
const COMPANY_CORES = [
  'Andina',
  'del Pacífico',
  'El Dorado',
  'La Esperanza',
  'Santa Fe',
  'Los Andes',
  'del Caribe',
  'San José',
  'Nueva Granada',
  'El Roble',
  'La Montaña',
  'Río Claro',
  'Antioqueña',
  'Cafetera',
  'Mar Azul',
  'Horizonte',
  'Continental',
  'Atlántico',
  'Aurora',
  'Tequendama',
  'La Sabana',
  'Guadalupe',
  'Monserrate',
  'Magdalena',
  'Sierra Nevada',
  'Oriente',
  'Los Nevados',
  'Puerto Nuevo',
  'Altamira',
  'El Poblado',
];
const COMPANY_SUFFIXES = {
  CO: ['S.A.S.', 'S.A.S.', 'S.A.', 'Ltda.', '& Cía. S.A.S.'],
  ES: ['S.L.', 'S.A.'],
  MX: ['S.A. de C.V.'],
  PE: ['S.A.C.'],
  EC: ['Cía. Ltda.'],
  CL: ['SpA'],
  AR: ['S.R.L.'],
  PA: ['S.A.'],
  CR: ['S.A.'],
};
const PHONE_PREFIX = { CO: '+57', ES: '+34', MX: '+52', PE: '+51', EC: '+593', CL: '+56', AR: '+54', PA: '+507', CR: '+506' };
const MAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.es', 'yahoo.com', 'une.net.co', 'icloud.com'];
const POSITIONS = [
  'Gerente general',
  'Director comercial',
  'Jefe de compras',
  'Analista de compras',
  'Asistente administrativa',
  'Contador',
  'Coordinador de logística',
  'Gerente financiero',
  'Representante legal',
  'Director de mercadeo',
  'Ingeniero de proyectos',
  'Auxiliar contable',
];
const INDUSTRIES = [
  'Manufactura',
  'Comercio',
  'Construcción',
  'Tecnología',
  'Salud',
  'Educación',
  'Agroindustria',
  'Transporte',
  'Servicios financieros',
  'Turismo',
  'Energía',
  'Alimentos y bebidas',
  'Textil',
  'Logística',
  'Consultoría',
];
const CATEGORIES = ['A', 'B', 'C', 'Estratégico', 'Ocasional'];
const TAGS = ['feria-2026', 'vip', 'newsletter', 'referido', 'distribuidor', 'mayorista', 'minorista', 'exportador', 'licitacion', 'webinar', 'expo-bogota', 'recompra'];
const SOURCE_NAMES = ['Sitio web', 'Feria comercial', 'Referido', 'Redes sociales', 'Llamada entrante', 'Correo', 'Publicidad', 'Aliado'];
const SOURCE_CHANNELS = ['web', 'trade_show', 'referral', 'social_media', 'phone', 'email', 'advertising', 'partner'];
const INTEREST_NAMES = [
  'Software de facturación',
  'Licencias ERP',
  'Soporte técnico',
  'Capacitación',
  'Consultoría tributaria',
  'Nómina electrónica',
  'Hosting',
  'Integraciones',
  'Inventarios',
  'Punto de venta',
  'Analítica',
  'Seguridad informática',
];

/** Deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const slug = (text) => ascii(text).replace(/[^a-z0-9]+/g, '');

/** COPY text format: \N for null, backslash escapes for the few characters that need them. */
function cell(value) {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
const pgArray = (values) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

class Picker {
  constructor(random) {
    this.random = random;
  }

  int(max) {
    return Math.floor(this.random() * max);
  }

  one(list) {
    return list[this.int(list.length)];
  }

  chance(p) {
    return this.random() < p;
  }

  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(10);
    return s;
  }

  /** Index by weight (weights summed once). */
  weighted(weights) {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.random() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

function phoneFor(pick, country) {
  const prefix = PHONE_PREFIX[country] ?? '+57';
  if (country === 'CO') return `${prefix} 3${pick.int(3) + 0}${pick.digits(1)} ${pick.digits(3)} ${pick.digits(4)}`;
  if (country === 'ES') return `${prefix} 6${pick.digits(2)} ${pick.digits(3)} ${pick.digits(3)}`;
  return `${prefix} ${pick.digits(3)} ${pick.digits(3)} ${pick.digits(3)}`;
}

function nit(pick) {
  const base = `9${pick.digits(8)}`;
  return `${base.slice(0, 3)}.${base.slice(3, 6)}.${base.slice(6, 9)}-${pick.int(10)}`;
}

function cedula(pick) {
  const n = `10${pick.digits(8)}`;
  return `${n.slice(0, 1)}.${n.slice(1, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
}

const COLUMNS = [
  'id',
  'tenant_id',
  'version',
  'created_at',
  'updated_at',
  'kind',
  'lifecycle',
  'first_name',
  'last_name',
  'company_name',
  'display_name',
  'email',
  'phone',
  'emails',
  'phones',
  'position',
  'tax_id',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'website',
  'industry',
  'category',
  'interest_level',
  'priority',
  'source_id',
  'company_id',
  'tags',
  'owner_id',
  'team_id',
  'shared_with_team',
  'created_by',
  'updated_by',
  'customer_since',
  'supplier_since',
];

/** Ensures the tenant has sources and interests to point at; returns their ids. */
async function catalogues(client, tenantId, createdBy) {
  const exists = async (table) => (await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok;
  let sourceIds = [];
  if (await exists('contacts.source')) {
    for (let i = 0; i < SOURCE_NAMES.length; i++) {
      await client.query(`INSERT INTO contacts.source (tenant_id, name, channel, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING`, [
        tenantId,
        SOURCE_NAMES[i],
        SOURCE_CHANNELS[i],
        createdBy,
      ]);
    }
    sourceIds = (await client.query('SELECT id FROM contacts.source WHERE tenant_id = $1 ORDER BY name', [tenantId])).rows.map((r) => r.id);
  }
  let interestIds = [];
  const linkTable = await exists('contacts.contact_interest');
  if (linkTable && (await exists('contacts.interest'))) {
    for (const name of INTEREST_NAMES) {
      await client.query('INSERT INTO contacts.interest (tenant_id, name, created_by, updated_by) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING', [tenantId, name, createdBy]);
    }
    interestIds = (await client.query('SELECT id FROM contacts.interest WHERE tenant_id = $1 ORDER BY name', [tenantId])).rows.map((r) => r.id);
  }
  return { sourceIds, interestIds };
}

const BULK_TABLES = ['contacts.contact', 'contacts.contact_match_key', 'contacts.contact_interest'];

/** Drops the secondary indexes (not primary keys or constraint indexes) of the bulk tables. */
async function dropSecondaryIndexes(client, log) {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) t)
       AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
    [BULK_TABLES],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  log(`dropped ${rows.length} secondary indexes for the bulk load`);
  return rows;
}

/**
 * Recreates what dropSecondaryIndexes removed (also after a failed load): the GIN indexes on a
 * second connection while the B-trees build on this one (both cores busy).
 */
async function rebuildIndexes(client, databaseUrl, indexes, log) {
  if (indexes.length === 0) return;
  const started = Date.now();
  const second = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-generate-contacts' });
  await second.connect();
  const build = async (connection, list) => {
    await connection.query("SET statement_timeout = 0; SET maintenance_work_mem = '1GB'");
    for (const { name, definition } of list) {
      const t = Date.now();
      await connection.query(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
      if (Date.now() - t > 5000) log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  };
  try {
    const gin = indexes.filter((index) => / USING gin /i.test(index.definition));
    await Promise.all([
      build(second, gin),
      build(
        client,
        indexes.filter((index) => !gin.includes(index)),
      ),
    ]);
  } finally {
    await second.end();
  }
  log(`rebuilt ${indexes.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Rows per COPY statement: each statement's rows pass through the statement triggers at once. */
const ROWS_PER_COPY = 50_000;

/**
 * COPYs `count` lines in statements of ROWS_PER_COPY, streamed in chunks of 1000 lines so
 * memory stays flat. Smaller statements keep the triggers' transition tables in memory.
 */
async function copyRows(client, sql, count, lineOf) {
  for (let start = 0; start < count; start += ROWS_PER_COPY) {
    const end = Math.min(count, start + ROWS_PER_COPY);
    const stream = client.query(copyStreams.from(sql));
    await pipeline(Readable.from(chunks(start, end, lineOf), { objectMode: false }), stream);
  }
}

function* chunks(start, end, lineOf) {
  let chunk = '';
  for (let i = start; i < end; i++) {
    chunk += lineOf(i);
    if ((i + 1) % 1000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * COPYs `count` contacts (10% organisations, then people, 60% of whom work for one of them)
 * into the tenant. Returns counts, timings and a few sample values for the benchmark's queries.
 */
export async function generateContacts({
  databaseUrl,
  tenantId,
  count = 1_000_000,
  createdBy = randomUUID(),
  owners = [],
  teams = [],
  seed = 42,
  keepIndexes = false,
  log = () => undefined,
}) {
  const pick = new Picker(prng(seed));
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-generate-contacts' });
  await client.connect();
  const started = Date.now();
  try {
    await client.query("SET statement_timeout = 0; SET synchronous_commit = off; SET work_mem = '256MB'");
    const { sourceIds, interestIds } = await catalogues(client, tenantId, createdBy);
    // Owners: ids, or { id, teamId } to put a real user in a real team; 40 in all.
    const teamIds = teams.length > 0 ? [...teams] : Array.from({ length: 8 }, () => randomUUID());
    const ownerList = owners.map((owner) => (typeof owner === 'string' ? { id: owner } : owner));
    while (ownerList.length < 40) ownerList.push({ id: randomUUID() });
    const ownerIds = ownerList.map((owner) => owner.id);
    const teamOf = new Map(ownerList.map((owner, i) => [owner.id, owner.teamId ?? teamIds[i % teamIds.length]]));
    const ownerWeights = ownerIds.map((_, i) => 1 / (i + 1)); // a few agents own a lot
    const cityWeights = CITIES.map((c) => c[3]);

    const now = Date.now();
    const span = 3 * 365 * 24 * 3600 * 1000;
    const organisations = Math.max(1, Math.round(count * 0.1));
    const people = count - organisations;
    const orgs = [];
    const planted = [];
    const samples = { names: [], emails: [], phones: [], taxIds: [], companies: [], cities: new Set() };
    // Creation times grow with the row number (an append-only directory), in microseconds.
    const createdAtOf = (i) => new Date(now - span + Math.floor((span * i) / count) + pick.int(1000)).toISOString().replace('Z', `${pick.digits(3)}Z`);
    const base = (i, kind) => {
      const cityRow = CITIES[pick.weighted(cityWeights)];
      const owner = pick.chance(0.9) ? ownerIds[pick.weighted(ownerWeights)] : null;
      const createdAt = createdAtOf(i);
      const updatedAt = new Date(Math.min(now, Date.parse(createdAt) + pick.int(90 * 24 * 3600 * 1000))).toISOString();
      const lifecycle = ['contact', 'prospect', 'customer', 'supplier'][pick.weighted([35, 35, 25, 5])];
      return {
        id: randomUUID(),
        kind,
        createdAt,
        updatedAt,
        lifecycle,
        city: cityRow[0],
        region: cityRow[1],
        country: cityRow[2],
        owner,
        team: owner ? teamOf.get(owner) : pick.one(teamIds),
        industry: pick.chance(0.8) ? pick.one(INDUSTRIES) : null,
        category: pick.chance(0.6) ? pick.one(CATEGORIES) : null,
        interestLevel: pick.chance(0.6) ? pick.one(['low', 'medium', 'high']) : null,
        priority: ['low', 'normal', 'high'][pick.weighted([20, 65, 15])],
        source: sourceIds.length > 0 && pick.chance(0.85) ? pick.one(sourceIds) : null,
        tags: Array.from(new Set(Array.from({ length: pick.weighted([40, 35, 18, 7]) }, () => pick.one(TAGS)))),
        shared: pick.chance(0.9),
        street: `Calle ${pick.int(180) + 1} # ${pick.int(120) + 1}-${pick.int(99) + 1}`,
        postal: pick.digits(6),
      };
    };
    const links = [];
    const line = (row) => {
      if (interestIds.length > 0 && pick.chance(0.3)) {
        for (const interestId of new Set(Array.from({ length: 1 + pick.int(3) }, () => pick.one(interestIds)))) links.push(`${row.id}\t${interestId}\t${tenantId}\t${row.createdAt}\n`);
      }
      return rowLine(row);
    };
    const rowLine = (row) =>
      `${[
        row.id,
        tenantId,
        1,
        row.createdAt,
        row.updatedAt,
        row.kind,
        row.lifecycle,
        row.firstName ?? null,
        row.lastName ?? null,
        row.companyName ?? null,
        row.displayName,
        row.email,
        row.phone,
        JSON.stringify(row.email ? [{ value: row.email, label: 'work', primary: true }, ...(row.extraEmails ?? [])] : []),
        JSON.stringify(row.phone ? [{ value: row.phone, label: 'mobile', primary: true }] : []),
        row.position ?? null,
        row.taxId ?? null,
        row.street,
        row.city,
        row.region,
        row.postal,
        row.country,
        row.website ?? null,
        row.industry,
        row.category,
        row.interestLevel,
        row.priority,
        row.source,
        row.companyId ?? null,
        pgArray(row.tags),
        row.owner,
        row.team,
        row.shared ? 't' : 'f',
        createdBy,
        createdBy,
        row.lifecycle === 'customer' ? row.createdAt : null,
        row.lifecycle === 'supplier' ? row.createdAt : null,
      ]
        .map(cell)
        .join('\t')}\n`;
    const copySql = `COPY contacts.contact (${COLUMNS.join(', ')}) FROM STDIN`;

    // Bulk load: index maintenance row by row through a small shared_buffers dominates a large
    // COPY, so secondary indexes are dropped and rebuilt afterwards (sorted, sequential), as
    // bulk loads are usually done. Triggers and foreign keys stay on: the rows get exactly the
    // search text and duplicate keys the service would give them.
    const dropped = keepIndexes ? [] : await dropSecondaryIndexes(client, log);
    try {
      log(`generating ${organisations} organisations`);
      await copyRows(client, copySql, organisations, (i) => {
        const row = base(i, 'organization');
        const suffix = pick.one(COMPANY_SUFFIXES[row.country] ?? ['S.A.']);
        const core = pick.chance(0.5) ? pick.one(COMPANY_CORES) : `${pick.one(LAST_NAMES)} ${pick.one(LAST_NAMES)}`;
        row.companyName = `${pick.one(COMPANY_PREFIXES)} ${core} ${suffix}`;
        row.displayName = row.companyName;
        const domain = `${slug(core)}.com${row.country === 'CO' ? '.co' : ''}`;
        row.website = `https://www.${domain}`;
        row.email = `contacto.${i.toString(36)}@${domain}`;
        row.phone = phoneFor(pick, row.country);
        row.taxId = nit(pick);
        orgs.push({ id: row.id, name: row.companyName, domain, city: row.city });
        if (samples.companies.length < 50 && pick.chance(0.01))
          samples.companies.push(
            core
              .split(' ')
              .filter((word) => word.length >= 4)
              .pop() ?? core,
          );
        if (samples.taxIds.length < 50 && pick.chance(0.01)) samples.taxIds.push(row.taxId);
        return line(row);
      });
      log(`organisations done in ${((Date.now() - started) / 1000).toFixed(1)} s; generating ${people} people`);

      const peopleStarted = Date.now();
      const recent = [];
      await copyRows(client, copySql, people, (j) => {
        const row = base(organisations + j, 'person');
        row.firstName = pick.one(FIRST_NAMES);
        row.lastName = `${pick.one(LAST_NAMES)} ${pick.one(LAST_NAMES)}`;
        row.displayName = `${row.firstName} ${row.lastName}`;
        const org = pick.chance(0.6) ? orgs[pick.int(orgs.length)] : null;
        if (org) {
          row.companyId = org.id;
          row.companyName = org.name;
          row.city = pick.chance(0.8) ? org.city : row.city;
          row.position = pick.one(POSITIONS);
        }
        const local = `${slug(row.firstName)}.${slug(row.lastName.split(' ')[0])}`;
        row.email = pick.chance(0.95) ? `${local}.${j.toString(36)}@${org && pick.chance(0.7) ? org.domain : pick.one(MAIL_DOMAINS)}` : null;
        if (pick.chance(0.1)) row.extraEmails = [{ value: `${local}${j.toString(36)}@${pick.one(MAIL_DOMAINS)}`, label: 'home', primary: false }];
        row.phone = pick.chance(0.9) ? phoneFor(pick, row.country) : null;
        row.taxId = pick.chance(0.4) ? cedula(pick) : null;
        // Planted duplicates of a recent person: same e-mail, phone, tax id, or the name without accents.
        if (recent.length > 100 && pick.chance(0.005)) {
          const twin = recent[pick.int(recent.length)];
          const how = pick.int(4);
          if (how === 0 && twin.email) row.email = twin.email.toUpperCase();
          else if (how === 1 && twin.phone) row.phone = twin.phone.replace(/^\+\d+ /, '');
          else if (how === 2 && twin.taxId) row.taxId = twin.taxId.replace(/\./g, '');
          else {
            row.firstName = ascii(twin.firstName).replace(/^./, (c) => c.toUpperCase());
            row.lastName = twin.lastName;
            row.displayName = `${row.firstName} ${row.lastName}`;
            row.city = twin.city;
            row.companyId = twin.companyId;
            row.companyName = twin.companyName;
          }
          planted.push(row.id);
        }
        recent[j % 5000] = row;
        if (samples.names.length < 200 && pick.chance(0.002)) samples.names.push(row.lastName.split(' ')[pick.int(2)]);
        if (samples.emails.length < 100 && row.email && pick.chance(0.001)) samples.emails.push(row.email);
        if (samples.phones.length < 100 && row.phone && pick.chance(0.001)) samples.phones.push(row.phone.replace(/\D/g, '').slice(-10));
        if (samples.taxIds.length < 100 && row.taxId && pick.chance(0.001)) samples.taxIds.push(row.taxId.replace(/\D/g, ''));
        samples.cities.add(row.city);
        return line(row);
      });
      log(`people done in ${((Date.now() - peopleStarted) / 1000).toFixed(1)} s`);

      if (links.length > 0) {
        const linkStarted = Date.now();
        await copyRows(client, 'COPY contacts.contact_interest (contact_id, interest_id, tenant_id, created_at) FROM STDIN', links.length, (i) => links[i]);
        log(`${links.length} interest links in ${((Date.now() - linkStarted) / 1000).toFixed(1)} s`);
      }
    } finally {
      await rebuildIndexes(client, databaseUrl, dropped, log);
    }

    const vacuumStarted = Date.now();
    // Fresh statistics, the visibility map and an empty GIN pending list, as a settled table has.
    for (const table of ['contacts.contact', 'contacts.contact_match_key', 'contacts.contact_interest']) {
      if ((await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok) await client.query(`VACUUM (ANALYZE) ${table}`);
    }
    log(`vacuum + analyze in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s`);
    return {
      count,
      organisations,
      people,
      plantedDuplicates: planted.length,
      interestLinks: links.length,
      sourceIds,
      interestIds,
      ownerIds,
      teamIds,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      samples: { ...samples, cities: [...samples.cities] },
    };
  } finally {
    await client.end();
  }
}

async function main() {
  const args = Object.fromEntries(process.argv.slice(2).map((arg) => /^--([a-z-]+)=(.*)$/.exec(arg)?.slice(1) ?? [arg, 'true']));
  const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl || !args.tenant) {
    console.error('usage: node bench/generate-contacts.mjs --database-url=postgres://… --tenant=<uuid> [--count=1000000] [--created-by=<uuid>] [--owners=a,b] [--teams=a,b] [--seed=42]');
    process.exit(2);
  }
  const list = (value) => (value ? value.split(',').filter(Boolean) : []);
  const result = await generateContacts({
    databaseUrl,
    tenantId: args.tenant,
    count: Number(args.count ?? 1_000_000),
    createdBy: args['created-by'],
    owners: list(args.owners),
    teams: list(args.teams),
    seed: Number(args.seed ?? 42),
    keepIndexes: args['keep-indexes'] === 'true',
    log: (message) => console.log(`[generate ${new Date().toISOString().slice(11, 19)}] ${message}`),
  });
  console.log(JSON.stringify({ ...result, samples: undefined, ownerIds: undefined }, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

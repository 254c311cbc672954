// Starts the whole platform for a benchmark run (real processes, throw-away database, AMQP
// names under a run prefix) through the compiled test harness, and tears everything down.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** dist/ modules are imported lazily: they exist only after the build. */
export async function importDist(relativePath) {
  return import(pathToFileURL(join(ROOT, 'dist', relativePath)).href);
}

/** RSS (and peak RSS) in MiB of a process, from /proc/<pid>/status; null when gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: Math.round((kib('VmRSS') / 1024) * 10) / 10, peakMiB: Math.round((kib('VmHWM') / 1024) * 10) / 10 };
  } catch {
    return null;
  }
}

export class BenchPlatform {
  /** @type {any} */ platform;
  /** @type {any} CrmWorld when the gateway runs */ world;
  token = '';
  gatewayUrl = null;
  services = [];
  notes = [];

  constructor(options) {
    this.options = options;
    const runId = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
    // The crm_test_ prefix lets the Jest setup drop it after an hour if this process is killed
    // before it can clean up (its stale-database sweep parses the timestamp after the prefix).
    this.runDatabase = `crm_test_${runId}_bench`;
    this.adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    this.amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
    this.amqpPrefix = `bench${runId}.`;
  }

  async start() {
    const testing = await importDist('libs/testing/src/index.js');
    const { SERVICE_NAMES } = await importDist('libs/contracts/src/index.js');
    Object.assign(process.env, {
      CRM_TEST_DATABASE: this.runDatabase,
      TEST_ADMIN_DATABASE_URL: this.adminUrl,
      AMQP_URL: this.amqpUrl,
      AMQP_PREFIX: this.amqpPrefix,
      JWT_SECRET: process.env.JWT_SECRET ?? `bench-secret-${randomUUID()}`,
      PLATFORM_LOG_LEVEL: process.env.PLATFORM_LOG_LEVEL ?? 'warn',
    });
    const built = (name) => existsSync(testing.entryPointOf(ROOT, name));
    this.services = this.options.services ?? SERVICE_NAMES.filter(built);
    const missing = SERVICE_NAMES.filter((name) => !this.services.includes(name));
    if (missing.length > 0) this.notes.push(`not started (not built yet or excluded): ${missing.join(', ')}`);
    const useGateway = this.options.gateway !== false && built('gateway');
    if (this.options.gateway !== false && !useGateway) this.notes.push('gateway not built yet (dist/gateway/src/main.js missing): gateway legs skipped');

    // BENCH_SERVICE_NODE_OPTIONS reaches every service process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them).
    const serviceNodeOptions = process.env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS } : {};
    const env = { LOG_LEVEL: process.env.PLATFORM_LOG_LEVEL, ...serviceNodeOptions, ...this.options.env };
    if (useGateway) {
      // No benchmark reads the e-mails: the SMTP server accepts each one without parsing it (that was ~20 % of this process's CPU in public-filing).
      this.world = await testing.CrmWorld.start({ services: this.services, env, smtp: { keepMessages: false } });
      this.platform = this.world.platform;
      this.token = this.world.adminToken;
      this.gatewayUrl = this.platform.gatewayUrl;
    } else {
      this.platform = await testing.TestPlatform.start({ services: this.services, gateway: false, env, smtp: { keepMessages: false } });
      // No gateway to log in through: mint an admin token the way the gateway does.
      const { signAccessToken } = await importDist('libs/auth/src/index.js');
      const user = { kind: 'user', id: randomUUID(), tenantId: randomUUID(), roles: ['admin'], teamIds: [], scopes: [], email: 'bench@demo.test', name: 'Bench' };
      this.token = await signAccessToken(user, process.env.JWT_SECRET, 3600);
    }
  }

  has(name) {
    return this.platform?.processes.has(name) ?? false;
  }

  urlOf(name) {
    return this.platform.urlOf(name);
  }

  /** Superuser URL of the platform's database (for read-only inspection and the baseline). */
  get databaseUrl() {
    return this.platform.env.DATABASE_URL;
  }

  /** URL a service role connects with (role crm_<schema>, password = role name locally). */
  serviceDatabaseUrl(schema) {
    const url = new URL(this.databaseUrl);
    url.username = `crm_${schema}`;
    url.password = process.env[`${schema.toUpperCase()}_DB_PASSWORD`] ?? `crm_${schema}`;
    return url.toString();
  }

  async query(sql, params = []) {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  memory() {
    const result = {};
    for (const [name, proc] of this.platform?.processes ?? []) result[name] = { pid: proc.child.pid, ...(memoryOf(proc.child.pid) ?? { rssMiB: null, peakMiB: null }) };
    result['bench (load generator)'] = { pid: process.pid, ...memoryOf(process.pid) };
    return result;
  }

  /**
   * [{ name, pid }] of the bench process, every platform process and the Postgres backends of
   * this run's database (named `postgres: <application_name>`), for the CPU accounting.
   */
  async ourProcesses() {
    const list = [{ name: 'bench (load generator)', pid: process.pid }, ...[...(this.platform?.processes.values() ?? [])].map((proc) => ({ name: proc.name, pid: proc.child.pid }))];
    if (!this.platform) return list;
    try {
      if (!this.monitor) {
        this.monitor = new pg.Client({ connectionString: this.databaseUrl, application_name: 'bench-monitor' });
        await this.monitor.connect();
      }
      const { rows } = await this.monitor.query(`SELECT pid, coalesce(nullif(application_name, ''), usename) AS app FROM pg_stat_activity WHERE datname = current_database()`);
      for (const { pid, app } of rows) list.push({ name: `postgres: ${app}`, pid });
    } catch {
      // accounting only
    }
    return list;
  }

  logsOf(name) {
    return this.platform?.logsOf(name) ?? '';
  }

  /** Stops every process and removes the databases and AMQP names of this run; never throws. */
  async stop() {
    const problems = [];
    await this.monitor?.end().catch(() => undefined);
    this.monitor = undefined;
    try {
      if (this.platform) await this.platform.stop();
    } catch (error) {
      problems.push(`stopping processes: ${error.message}`);
    }
    try {
      const { dropDatabase } = await importDist('libs/database/src/index.js');
      const client = new pg.Client({ connectionString: this.adminUrl });
      await client.connect();
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_p%'", [this.runDatabase]);
      await client.end();
      for (const { datname } of rows) await dropDatabase(this.adminUrl, datname);
    } catch (error) {
      problems.push(`dropping databases: ${error.message}`);
    }
    try {
      const { deleteAmqpNamesWithPrefix } = await importDist('libs/testing/src/amqp-cleanup.js');
      await deleteAmqpNamesWithPrefix(this.amqpUrl, this.amqpPrefix);
    } catch (error) {
      problems.push(`deleting AMQP names: ${error.message}`);
    }
    return problems;
  }
}

// Infrastructure bootstrap for `npm start` and `npm test`: dependencies, PostgreSQL, RabbitMQ.
// Plain Node ESM on purpose: it runs before anything is compiled, and before node_modules may
// exist, so `pg` and `amqplib` are imported lazily, after ensureDependencies().
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import net from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { repairPostgresAccess } from './postgres-access.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export const log = {
  ok: (message) => console.log(`✓ ${message}`),
  step: (message) => console.log(`… ${message}`),
  warn: (message) => console.warn(`! ${message}`),
};

/** Credentials never belong in console output. */
export function redactUrl(raw) {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<invalid URL>';
  }
}

export function isLocalHost(host) {
  const bare = String(host ?? '').replace(/^\[(.*)\]$/, '$1');
  return bare === '' || bare === 'localhost' || bare === '::1' || bare === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether `command` is on PATH (plus the sbin directories a non-login shell may lack). */
export function hasCommand(command) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  return dirs.some((dir) => dir && existsSync(join(dir, command)));
}

/**
 * Runs a command; resolves with its output, rejects with a message naming it and its exit code.
 * `stdout` is the answer; `stderr` (warnings such as psql's "could not change directory") is kept
 * apart so it is never read as one. `output` is both, for error messages.
 */
export function run(command, args, { inherit = false, env, allowFailure = false, timeoutMs = 0, input, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, { cwd, stdio: inherit ? [stdin, 'inherit', 'inherit'] : [stdin, 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      output += chunk;
    });
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || allowFailure) resolve({ code, output, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${output ? `:\n${output.trim()}` : ''}`));
    });
  });
}

/** One TCP connection attempt: true if something accepts on host:port within timeoutMs. */
export function isReachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until host:port accepts TCP connections; rejects after timeoutMs naming the address. */
export async function waitForTcp(host, port, timeoutMs = 30_000, { intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    if (await isReachable(host, port, Math.max(50, Math.min(1000, remaining)))) return;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${host}:${port} to accept connections`);
    await sleep(Math.max(0, Math.min(intervalMs, deadline - Date.now())));
  }
}

function npmCommand() {
  // Under `npm start`, reuse the very npm that runs us.
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
}

/**
 * Whether the installed tree (npm's hidden lock file, node_modules/.package-lock.json) holds
 * every package of package-lock.json at its locked version. Optional packages of other
 * platforms are absent from an install, which is fine. Compares contents, not dates: a fresh
 * checkout's lock file is newer than any install yet may describe it exactly.
 */
export function installMatchesLock(root = ROOT) {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lockFile = join(root, 'package-lock.json');
  if (!existsSync(installed) || !existsSync(lockFile)) return false;
  const want = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  return Object.entries(want).every(([path, entry]) => path === '' || have[path]?.version === entry.version || (!have[path] && entry.optional === true));
}

/**
 * Installs node_modules with `npm ci` (exactly the lock file; never `npm install`, which may
 * resolve versions nobody tested) unless the installed tree already matches the lock. A
 * node_modules that is a symbolic link is someone else's install (a shared one, a worktree's):
 * it is used as it is and never reinstalled, since `npm ci` would delete what it points to.
 */
export async function ensureDependencies({ root = ROOT } = {}) {
  const modules = join(root, 'node_modules');
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    log.ok(`Dependencies: node_modules links to ${realpathSync(modules)}; used as it is`);
    return;
  }
  if (installMatchesLock(root)) {
    log.ok('Dependencies installed (match package-lock.json)');
    return;
  }
  if (!existsSync(join(root, 'package-lock.json'))) throw new Error('package-lock.json is missing: dependencies are installed only from the lock file (npm ci)');
  const [npm, prefix] = npmCommand();
  log.step('Installing dependencies (npm ci)');
  await run(npm, [...prefix, 'ci', '--no-audit', '--no-fund'], { inherit: true, cwd: root });
  log.ok('Dependencies installed');
}

export async function aptInstall(packages) {
  if (!isRoot() || !hasCommand('apt-get')) {
    throw new Error(`${packages.join(', ')} is not installed and cannot be installed automatically (needs root and apt-get). Install it, or point the URL at a running server.`);
  }
  log.step(`Installing ${packages.join(' ')} with apt-get (this takes a minute)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { inherit: true, env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { inherit: true, env });
}

// ---------------------------------------------------------------------------------- PostgreSQL

/** Sorts a pg failure: the server is down/starting, it refused us, or the database is missing. */
function classifyPgError(err) {
  const code = err?.code;
  const message = String(err?.message ?? err);
  if (code === '57P03') return 'starting';
  // The server let us in and has no such database: not an access problem (see createDatabase).
  if (code === '3D000') return 'no-database';
  if (code === '28P01' || code === '28000' || /password|authentication/i.test(message)) return 'access';
  return 'down';
}

async function withPgClient(url, work) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tryPostgres(url) {
  try {
    await withPgClient(url, (client) => client.query('SELECT 1'));
    return { kind: 'ok' };
  } catch (error) {
    return { kind: classifyPgError(error), error };
  }
}

/** The same server and credentials, on the maintenance database `postgres`. */
function maintenanceUrl(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

/** Creates the URL's database through the same credentials on the maintenance database. */
async function createDatabase(url) {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  await withPgClient(maintenanceUrl(url), async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  }).catch((error) => {
    // Created meanwhile by a parallel start: fine.
    if (error?.code !== '42P04') throw error;
  });
  log.ok(`Created PostgreSQL database ${database}`);
}

function localClusters() {
  const base = '/etc/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((version) => {
    const dir = join(base, version);
    return statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((name) => existsSync(join(dir, name, 'postgresql.conf')))
          .map((name) => ({ version, name }))
      : [];
  });
}

async function startLocalPostgres() {
  let clusters = localClusters();
  if (clusters.length === 0) {
    await aptInstall(['postgresql']);
    clusters = localClusters();
    if (clusters.length === 0) throw new Error('PostgreSQL was installed but no cluster exists under /etc/postgresql (create one with pg_createcluster)');
  }
  if (!hasCommand('pg_ctlcluster')) throw new Error('pg_ctlcluster not found: start PostgreSQL yourself or set DATABASE_URL');
  for (const { version, name } of clusters) {
    log.step(`Starting PostgreSQL cluster ${version}/${name}`);
    // Exit code 2 means "already running", which is fine.
    const { code, output } = await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], { allowFailure: true, timeoutMs: 60_000 });
    if (code !== 0 && code !== 2) log.warn(`pg_ctlcluster ${version} ${name} start exited with ${code}: ${output.trim()}`);
  }
}

/**
 * Makes sure PostgreSQL answers `SELECT 1` at `adminUrl`. A local server that is down is
 * started (and installed with apt when absent and we are root); a local server that refuses
 * our credentials is repaired through the postgres superuser (role and password created, or a
 * trust rule for a password-less URL). A database that does not exist yet is created through
 * the same credentials on the maintenance database. A remote one is only checked.
 */
export async function ensurePostgres(adminUrl = process.env.DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_ADMIN_URL, { timeoutMs = 60_000 } = {}) {
  const url = new URL(adminUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || 5432);
  const where = `${host}:${port}`;
  let result = await tryPostgres(adminUrl);
  if (result.kind !== 'ok' && result.kind !== 'no-database' && !isLocalHost(host)) {
    throw new Error(`PostgreSQL at ${where} (${redactUrl(adminUrl)}) is not usable: ${result.error.message}. Start it or fix DATABASE_URL.`);
  }
  if (result.kind === 'down') {
    await startLocalPostgres();
    await waitForTcp(host, port, timeoutMs).catch(() => {
      throw new Error(`PostgreSQL did not start listening on ${where} within ${timeoutMs / 1000} s. Check the cluster's port (pg_lsclusters) and its log under /var/log/postgresql.`);
    });
  }
  const deadline = Date.now() + timeoutMs;
  while (result.kind === 'down' || result.kind === 'starting') {
    if (Date.now() > deadline) throw new Error(`PostgreSQL at ${where} does not answer queries after ${timeoutMs / 1000} s: ${result.error.message}`);
    await sleep(250);
    result = await tryPostgres(adminUrl);
  }
  if (result.kind === 'access') {
    if (!isRoot())
      throw new Error(`PostgreSQL at ${where} refused ${redactUrl(adminUrl)}: ${result.error.message}. Fix the credentials in DATABASE_URL (or run as root to let this script set them up).`);
    await repairPostgresAccess(url, port, result.error, { run, log });
    result = await tryPostgres(adminUrl);
  }
  if (result.kind === 'no-database') {
    log.step(`PostgreSQL at ${where} has no database ${decodeURIComponent(url.pathname.slice(1))} yet; creating it`);
    await createDatabase(adminUrl);
    result = await tryPostgres(adminUrl);
  }
  if (result.kind !== 'ok') throw new Error(`PostgreSQL at ${where} still refuses ${redactUrl(adminUrl)}: ${result.error.message}`);
  log.ok(`PostgreSQL reachable at ${where}`);
}

// ------------------------------------------------------------------------------------ RabbitMQ

async function tryAmqp(url) {
  const mod = await import('amqplib');
  const amqp = mod.default ?? mod;
  try {
    const connection = await amqp.connect(url, { timeout: 3000 });
    await connection.close();
    return { kind: 'ok' };
  } catch (error) {
    const message = String(error?.message ?? error);
    return { kind: /ACCESS[-_]REFUSED|NOT[-_]ALLOWED|403|530/.test(message) ? 'access' : 'down', error };
  }
}

async function repairRabbitAccess(url) {
  const user = decodeURIComponent(url.username || 'guest');
  const password = decodeURIComponent(url.password || 'guest');
  const vhost = url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : '/';
  log.step(`Granting RabbitMQ user "${user}" access to vhost "${vhost}"`);
  const added = await run('rabbitmqctl', ['add_user', user, password], { allowFailure: true });
  if (added.code !== 0) await run('rabbitmqctl', ['change_password', user, password]);
  await run('rabbitmqctl', ['add_vhost', vhost], { allowFailure: true });
  await run('rabbitmqctl', ['set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
}

/**
 * Makes sure an AMQP connection to `amqpUrl` opens. A local broker that is down is started with
 * `rabbitmq-server -detached` (installed with apt when absent and we are root); refused
 * credentials on a local broker are created with rabbitmqctl. A remote one is only checked.
 */
export async function ensureRabbitMQ(amqpUrl = process.env.AMQP_URL ?? DEFAULT_AMQP_URL, { timeoutMs = 60_000 } = {}) {
  const url = new URL(amqpUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || (url.protocol === 'amqps:' ? 5671 : 5672));
  const where = `${host}:${port}`;
  let result = await tryAmqp(amqpUrl);
  if (result.kind !== 'ok' && !isLocalHost(host)) {
    throw new Error(`RabbitMQ at ${where} (${redactUrl(amqpUrl)}) is not usable: ${result.error.message}. Start it or fix AMQP_URL.`);
  }
  if (result.kind === 'down') {
    if (!hasCommand('rabbitmq-server')) await aptInstall(['rabbitmq-server']);
    log.step('Starting RabbitMQ (rabbitmq-server -detached)');
    // Fails harmlessly when a broker is already booting; the wait below is what counts.
    const started = await run('rabbitmq-server', ['-detached'], { allowFailure: true, timeoutMs: 60_000 });
    if (started.code !== 0) log.warn(`rabbitmq-server -detached exited with ${started.code}: ${started.output.trim()}`);
    const deadline = Date.now() + timeoutMs;
    while (result.kind === 'down') {
      if (Date.now() > deadline) {
        throw new Error(`RabbitMQ did not accept AMQP connections on ${where} within ${timeoutMs / 1000} s (last error: ${result.error.message}). See /var/log/rabbitmq.`);
      }
      await sleep(500);
      result = await tryAmqp(amqpUrl);
    }
  }
  if (result.kind === 'access') {
    if (!isRoot() || !hasCommand('rabbitmqctl')) throw new Error(`RabbitMQ at ${where} refused ${redactUrl(amqpUrl)}: ${result.error.message}. Fix AMQP_URL.`);
    await repairRabbitAccess(url);
    result = await tryAmqp(amqpUrl);
    if (result.kind !== 'ok') throw new Error(`RabbitMQ at ${where} still refuses ${redactUrl(amqpUrl)}: ${result.error.message}`);
  }
  log.ok(`RabbitMQ reachable at ${where}`);
}

/** Where the browser tests find Chromium (CHROMIUM_PATH overrides). */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** The browser tests drive the machine's Chromium (playwright-core ships none): installed with apt-get when missing. */
export async function ensureChromium() {
  const found = chromiumPath();
  if (found) {
    log.ok(`Chromium at ${found}`);
    return found;
  }
  await aptInstall(['chromium']);
  const installed = chromiumPath();
  if (!installed) throw new Error('Chromium is still missing after apt-get install chromium; set CHROMIUM_PATH.');
  log.ok(`Chromium installed at ${installed}`);
  return installed;
}

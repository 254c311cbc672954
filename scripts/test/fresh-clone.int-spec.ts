// A first start on a new machine: the project checked out in a folder the `postgres` OS user
// cannot enter (0700, like `mktemp -d` or anything under /root) and a database that does not
// exist yet. Runs the real bootstrap (`npm run setup`: dependencies, PostgreSQL, RabbitMQ,
// compile, provision) in that copy as a separate process.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { adminDatabaseUrl, runToExit, TEST_DATABASE_PREFIX } from '@crm/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const adminUrl = adminDatabaseUrl();

/** The working tree as a clone would have it (tracked and new files, uncommitted edits included). */
function copyCheckout(target: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0')) {
    const from = join(root, file);
    if (!file || !existsSync(from) || statSync(from).isDirectory()) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(from, join(target, file));
  }
  // The shared install, linked as a worktree has it (no reinstall: that is what is tested below).
  symlinkSync(realpathSync(join(root, 'node_modules')), join(target, 'node_modules'));
}

/** Runs `npm run setup` (node scripts/setup.mjs) in the copy with a clean database environment. */
function runSetup(cwd: string, databaseUrl: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
  for (const name of Object.keys(env)) if (/DATABASE_ADMIN_URL|_DATABASE_URL$|^CRM_DATABASE$|^npm_/.test(name)) delete env[name];
  return runToExit(process.execPath, ['scripts/setup.mjs'], { cwd, env, timeoutMs: 120_000 });
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const schemasOf = (database: string) =>
  admin(
    async (client) =>
      (await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname IN ('contacts', 'notifications', 'identity') ORDER BY 1")).rows.map((row) => row.nspname),
    database,
  );

describe('a first start from a fresh clone in a folder postgres cannot enter', () => {
  let parent: string;
  let clone: string;
  const suffix = randomBytes(4).toString('hex');
  const databases = [`${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_fresh_${suffix}`, `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_fresh_role_${suffix}`];
  const role = `crm_fresh_${suffix}`;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'crm-fresh-'));
    chmodSync(parent, 0o700);
    clone = join(parent, 'crm');
    copyCheckout(clone);
  });

  afterAll(async () => {
    await admin(async (client) => {
      for (const database of databases) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS "${role}"`);
    });
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates the missing database through the admin connection and provisions it, without touching access or node_modules', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${databases[0]}`;
    expect(statSync(parent).mode & 0o777).toBe(0o700);

    const { code, output } = await runSetup(clone, url.toString());

    expect(output).not.toMatch(/setting up access|could not change directory|already exists/);
    expect(output).toContain(`has no database ${databases[0]} yet; creating it`);
    expect(output).toMatch(/node_modules links to .*; used as it is/);
    expect(code).toBe(0);
    expect(await schemasOf(databases[0])).toEqual(['contacts', 'identity', 'notifications']);
  });

  it('repairs a role that may not log in by running psql from a folder postgres can enter, reading only its answer', async () => {
    // An existing role that the server refuses (NOLOGIN): the repair must see that it exists
    // (psql's "could not change directory" warning is not the answer) and only let it log in.
    await admin((client) => client.query(`CREATE ROLE "${role}" NOLOGIN SUPERUSER`));
    const url = new URL(adminUrl);
    url.username = role;
    url.password = 'fresh-clone-secret';
    url.pathname = `/${databases[1]}`;

    const { code, output } = await runSetup(clone, url.toString());

    expect(output).toContain(`Set the password of PostgreSQL role ${role}`);
    expect(output).not.toMatch(/could not change directory|already exists/);
    expect(code).toBe(0);
    expect(await schemasOf(databases[1])).toEqual(['contacts', 'identity', 'notifications']);
    const owner = await admin(async (client) => (await client.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [databases[1]])).rows[0]?.owner);
    expect(owner).toBe(role);
  });
});

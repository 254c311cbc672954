// Repairs access to a LOCAL PostgreSQL for the admin URL, as the `postgres` OS user over the
// Unix socket (peer authentication), when running as root. Development machines only: it is
// called by infra.mjs after the server refused the URL's credentials (a missing database is
// not an access problem: infra.mjs creates it through the URL's own credentials).
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';

const TRUST_MARKER = '# Added by scripts/lib/infra.mjs';

const ident = (name) => `"${name.replace(/"/g, '""')}"`;
const literal = (value) => `'${value.replace(/'/g, "''")}'`;

/**
 * Runs SQL as the postgres superuser and returns what psql printed on stdout. The SQL goes
 * through stdin so passwords stay out of `ps`. psql runs from `/`: the postgres OS user may not
 * be allowed into our working directory (a clone under /root or in a 0700 `mktemp -d` folder),
 * and the warning it would print then goes to stderr, which is never read as the answer.
 */
async function psql(run, port, sql) {
  const { stdout } = await run('runuser', ['-u', 'postgres', '--', 'psql', '-p', String(port), '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtX'], { input: `${sql}\n`, cwd: '/' });
  return stdout.trim();
}

/** A password-less URL can only work with `trust`: allow it for that role on loopback only. */
async function allowPasswordlessLoopback(run, log, port, user) {
  const hbaFile = await psql(run, port, 'SHOW hba_file;');
  const current = readFileSync(hbaFile, 'utf8');
  const rules = [`host all ${ident(user)} 127.0.0.1/32 trust`, `host all ${ident(user)} ::1/128 trust`];
  if (rules.every((rule) => current.includes(rule))) return;
  // pg_hba is first-match: the rules go on top.
  writeFileSync(hbaFile, `${TRUST_MARKER} (npm start): password-less loopback access for ${user}, development only.\n${rules.join('\n')}\n${current}`);
  await psql(run, port, 'SELECT pg_reload_conf();');
  log.warn(`Added loopback "trust" rules for role ${user} to ${hbaFile} (the URL has no password)`);
}

export async function repairPostgresAccess(url, port, error, { run, log }) {
  const user = decodeURIComponent(url.username) || process.env.PGUSER || userInfo().username;
  const password = url.password ? decodeURIComponent(url.password) : '';
  log.step(`PostgreSQL refused ${user}@${url.hostname}:${port} (${error.message}); setting up access`);

  const roleExists = (await psql(run, port, `SELECT 1 FROM pg_roles WHERE rolname = ${literal(user)};`)) === '1';
  const passwordClause = password ? ` PASSWORD ${literal(password)}` : '';
  if (!roleExists) {
    // The admin URL creates databases, roles and extensions: on a dev box it is a superuser.
    await psql(run, port, `CREATE ROLE ${ident(user)} LOGIN SUPERUSER${passwordClause};`);
    log.ok(`Created PostgreSQL role ${user}`);
  } else if (password) {
    await psql(run, port, `ALTER ROLE ${ident(user)} WITH LOGIN${passwordClause};`);
    log.ok(`Set the password of PostgreSQL role ${user} to the one in the URL`);
  }
  if (!password) await allowPasswordlessLoopback(run, log, port, user);
}

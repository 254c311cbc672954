// `npm test`: the same bootstrap as `npm start` (dependencies, PostgreSQL, RabbitMQ), then the
// architecture check, the type check, the linter, the formatter check and the whole Jest suite
// against the real servers. Extra arguments go to Jest (e.g. `npm test -- services/contacts`);
// then only the architecture check runs before it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureDependencies, ensurePostgres, ensureRabbitMQ } from './lib/infra.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jestArgs = process.argv.slice(2);

function run(title, command, args) {
  console.log(`\n▸ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await ensureDependencies();
await ensurePostgres(process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
await ensureRabbitMQ(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
// The web console's browser tests (web/test) drive the machine's Chromium.
await ensureChromium();

run('architecture (no service imports another service or the gateway; libs import neither)', process.execPath, [join(root, 'scripts/check-architecture.mjs')]);
if (jestArgs.length === 0) {
  run('type check (tsc --noEmit)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
  run('type check of the web console (tsc -p web)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json']);
  run('lint (oxlint)', process.execPath, [join(root, 'node_modules/oxlint/bin/oxlint'), '--deny-warnings', 'gateway', 'services', 'libs', 'scripts', 'bench', 'test', 'web/src', 'web/test']);
  run('format (prettier --check; `npm run format` fixes it)', process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']);
}
const jest = ['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js'), '--ci'];
if (jestArgs.length > 0) {
  run('tests (jest)', process.execPath, [...jest, ...jestArgs]);
} else {
  run('tests (jest, real PostgreSQL, RabbitMQ, S3 and SMTP)', process.execPath, [...jest, '--testPathIgnorePatterns', '\\.fault-spec\\.ts$', '/node_modules/', '/dist/']);
  // Fault tests restart the shared broker, so they run alone, one file at a time.
  run('fault tests (broker restarts, one at a time)', process.execPath, [...jest, '--runInBand', '--testMatch', '**/*.fault-spec.ts']);
}

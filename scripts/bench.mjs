// npm run bench [-- <name> ... | all] [--connections=50] [--seconds=10] [--warmup=2] [--seed=200] [--read-rate=500] [--open-seconds=6]
//                               [--rate=50] [--event-seconds=10] [--poll-ms=20] [--burst=2000]
//                               [--services=contacts,reporting] [--no-gateway] [--no-build] [--wait-idle=120]
//                               [--any-other-flag=value → options.anyOtherFlag, for the benchmarks that read it]
// Builds, starts the whole platform on loopback (fresh database + AMQP prefix), runs the
// benchmarks in bench/*.bench.mjs (the default set, the ones named, or all), prints tables, writes
// bench/results/<timestamp>.json and removes everything it created, also on failure or Ctrl-C.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import amqp from 'amqplib';
import { sampleBusyCores } from '../bench/lib/cpu.mjs';
import { BenchPlatform } from '../bench/lib/platform.mjs';
import { fmt, table } from '../bench/lib/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');

function parseArgs(argv) {
  const names = [];
  const flags = {};
  for (const arg of argv) {
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) names.push(arg);
    else flags[match[2]] = match[1] ? false : (match[3] ?? true);
  }
  const int = (key, fallback) => {
    if (flags[key] === undefined) return fallback;
    const value = Number(flags[key]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a number (got ${flags[key]})`);
    return value;
  };
  const known = new Set(['build', 'gateway', 'services', 'wait-idle', 'connections', 'seconds', 'warmup', 'seed', 'read-rate', 'open-seconds', 'rate', 'event-seconds', 'poll-ms', 'burst']);
  // Other flags reach the benchmarks as camelCased options: --import-rows=1000 → options.importRows.
  const extra = Object.fromEntries(
    Object.entries(flags)
      .filter(([key]) => !known.has(key))
      .map(([key, value]) => [key.replace(/-([a-z])/g, (_m, ch) => ch.toUpperCase()), typeof value === 'string' && value !== '' && Number.isFinite(Number(value)) ? Number(value) : value]),
  );
  return {
    names,
    build: flags.build !== false,
    gateway: flags.gateway !== false,
    waitIdleSeconds: int('wait-idle', 0),
    services: typeof flags.services === 'string' ? flags.services.split(',').filter(Boolean) : undefined,
    options: {
      ...extra,
      connections: int('connections', 50),
      seconds: int('seconds', 10),
      warmupSeconds: int('warmup', 2),
      seedContacts: int('seed', 200),
      readRate: int('read-rate', 500),
      openSeconds: int('open-seconds', 6),
      rate: int('rate', 50),
      eventSeconds: int('event-seconds', 10),
      pollMs: int('poll-ms', 20),
      burst: int('burst', 2000),
    },
  };
}

const log = (message) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function loadBenchmarks() {
  const order = ['read-contact.bench.mjs', 'event-latency.bench.mjs']; // then any others, by name
  const rank = (file) => (order.includes(file) ? order.indexOf(file) : order.length);
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.mjs'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Promise.all(files.map(async (file) => ({ file, ...(await import(pathToFileURL(join(benchDir, file)).href)) })));
}

async function machineInfo(platform) {
  const cpus = os.cpus();
  const info = {
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
  try {
    info.postgres = (await platform.query('SHOW server_version'))[0].server_version;
  } catch {
    // informational only
  }
  try {
    const connection = await amqp.connect(platform.amqpUrl);
    info.rabbitmq = connection.connection?.serverProperties?.version;
    await connection.close();
  } catch {
    // informational only
  }
  try {
    info.gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    info.gitDirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim().length > 0;
  } catch {
    // not a git checkout
  }
  return info;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const all = await loadBenchmarks();
  // No name: the benchmarks that opt in to the default run (`export const inDefaultRun = true`), so a
  // plain `npm run bench` stays within a few minutes however many long ones are added; `all`: every one.
  const selected =
    args.names.length === 0
      ? all.filter((b) => b.inDefaultRun === true)
      : args.names.includes('all')
        ? all
        : args.names.map((name) => all.find((b) => b.name === name) ?? fail(`unknown benchmark "${name}"; known: ${all.map((b) => b.name).join(', ')}`));
  const skipped = all.filter((b) => !selected.includes(b));
  if (args.names.length === 0 && skipped.length > 0) log(`not in the default run (name them, or "all"): ${skipped.map((b) => b.name).join(', ')}`);
  if (args.build) {
    const { build } = await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href);
    await build();
  }

  const platform = new BenchPlatform({ gateway: args.gateway, services: args.services });
  let cleaning;
  const cleanUp = () => (cleaning ??= platform.stop());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      log(`${signal}: stopping the platform and removing the run's database and AMQP names`);
      await cleanUp();
      process.exit(130);
    });
  }

  const startedAt = new Date();
  const report = { startedAt: startedAt.toISOString(), options: args.options, notes: [], machine: null, benchmarks: {} };
  let failed = false;
  let idleCheck = await sampleBusyCores(1000);
  for (const deadline = Date.now() + args.waitIdleSeconds * 1000; idleCheck > 0.3 && Date.now() < deadline;) {
    log(`waiting for the machine to go quiet (${idleCheck} cores busy)`);
    idleCheck = await sampleBusyCores(5000);
  }
  report.busyCoresBeforeStart = idleCheck;
  if (idleCheck > 0.3) {
    const warning = `the machine is not idle: ${idleCheck} of ${os.cpus().length} cores busy before the run started; figures will be low and noisy`;
    log(`WARNING: ${warning}`);
    report.notes.push(warning);
  }
  try {
    log(`starting the platform (database ${platform.runDatabase}_p…, AMQP prefix ${platform.amqpPrefix})`);
    const t0 = Date.now();
    await platform.start();
    log(`platform up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${[...platform.platform.processes.keys()].join(', ')}`);
    for (const note of platform.notes) log(`note: ${note}`);
    report.notes.push(...platform.notes);
    report.machine = await machineInfo(platform);
    report.memoryAtStart = platform.memory();

    for (const benchmark of selected) {
      log(`── ${benchmark.name}: ${benchmark.description}`);
      const t = Date.now();
      const options = benchmark.name === 'event-latency' ? { ...args.options, seconds: args.options.eventSeconds } : args.options;
      try {
        const result = await benchmark.run({ platform, options, log });
        report.benchmarks[benchmark.name] = { durationSeconds: Math.round((Date.now() - t) / 100) / 10, ...result.data, memoryAfterBenchmark: platform.memory() };
        console.log(`\n${result.text}\n`);
      } catch (error) {
        failed = true;
        report.benchmarks[benchmark.name] = { error: error.stack ?? String(error) };
        console.error(`\n${benchmark.name} FAILED: ${error.stack ?? error}\n`);
      }
    }
    report.memoryAtEnd = platform.memory();
    const stages = [
      ['start', report.memoryAtStart],
      ...selected.filter((b) => report.benchmarks[b.name]?.memoryAfterBenchmark).map((b) => [`after ${b.name}`, report.benchmarks[b.name].memoryAfterBenchmark]),
    ];
    console.log(
      `memory of each process, RSS MiB (peak VmHWM at the end)\n${table(
        ['process', ...stages.map(([stage]) => stage), 'peak'],
        Object.keys(report.memoryAtEnd).map((proc) => [proc, ...stages.map(([, memory]) => fmt(memory[proc]?.rssMiB, 1)), fmt(report.memoryAtEnd[proc]?.peakMiB, 1)]),
      )}\n`,
    );
  } catch (error) {
    failed = true;
    report.error = error.stack ?? String(error);
    console.error(`bench FAILED: ${error.stack ?? error}`);
  } finally {
    log('stopping the platform and cleaning up');
    const problems = await cleanUp();
    for (const problem of problems) log(`cleanup problem: ${problem}`);
    report.cleanupProblems = problems;
  }

  report.finishedAt = new Date().toISOString();
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  if (report.machine)
    log(
      `machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, Postgres ${report.machine.postgres ?? '?'}, RabbitMQ ${report.machine.rabbitmq ?? '?'} (load generator on the same cores)`,
    );
  log(`results written to ${file}`);
  process.exit(failed ? 1 : 0);
}

function fail(message) {
  throw new Error(message);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

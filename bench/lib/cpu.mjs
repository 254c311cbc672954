// Who used the CPU during a measurement window. On a shared 2-core box other people's builds
// and tests steal cycles from the system under test; this makes that visible in the results.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]; // cpu  user nice system idle iowait irq softirq steal
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** utime+stime (ticks) of every process, by pid, with its command name. */
function processTicks() {
  const result = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const rest = stat.slice(close + 2).split(' ');
      result.set(Number(entry), { comm, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return result;
}

const RABBITMQ = /^(beam\.smp|erl_child_setup|epmd|inet_gethost)$/;
/** Postgres's own workers, shared by every database; backends show `postgres: user db host…`. */
const POSTGRES_BACKGROUND = /^postgres: (?:[\w./-]+: )?(walwriter|checkpointer|background writer|autovacuum|logical replication|stats collector|archiver|walsender|walreceiver|startup)/;

function isPostgresBackground(pid) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return POSTGRES_BACKGROUND.test(cmdline) || /^\/usr\/lib\/postgresql\/.*\/postgres /.test(cmdline);
  } catch {
    return false;
  }
}

/**
 * Starts a window; `await stop()` returns CPU use in cores (2.0 = both cores of this box busy):
 * ours = the bench process, the platform's processes and the Postgres backends serving this
 * run's database (also per process name); shared = Postgres's own background workers and
 * RabbitMQ, which serve everyone; other = everything else, i.e. other people's work, their
 * Postgres backends included. `ourProcesses` may be async; it is asked again at the end so that
 * processes started during the window count.
 */
export function cpuWindow(ourProcesses) {
  const startedAt = process.hrtime.bigint();
  const machine0 = machineTicks();
  const procs0 = processTicks();
  return {
    async stop() {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const machine1 = machineTicks();
      const procs1 = processTicks();
      const names = new Map((await ourProcesses()).map(({ name, pid }) => [pid, name]));
      let ours = 0;
      let rabbitmq = 0;
      let postgres = 0;
      const byProcess = {};
      for (const [pid, { comm, ticks }] of procs1) {
        const delta = ticks - (procs0.get(pid)?.ticks ?? 0);
        if (names.has(pid)) {
          ours += delta;
          byProcess[names.get(pid)] = (byProcess[names.get(pid)] ?? 0) + delta;
        } else if (RABBITMQ.test(comm)) rabbitmq += delta;
        else if (comm === 'postgres' && delta > 0 && isPostgresBackground(pid)) postgres += delta;
      }
      const cores = (ticks) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
      const ms = (ticks) => Math.round((ticks / TICKS_PER_SECOND) * 1000);
      /** CPU time used in the window, ms (for costs per request: divide by the requests). */
      const cpuMs = { rabbitmq: ms(rabbitmq), sharedPostgres: ms(postgres) };
      for (const name of Object.keys(byProcess)) {
        cpuMs[name] = ms(byProcess[name]);
        byProcess[name] = cores(byProcess[name]);
      }
      const busy = machine1.busy - machine0.busy;
      return {
        cores: os.cpus().length,
        busyCores: cores(busy),
        oursCores: cores(ours),
        sharedPostgresCores: cores(postgres),
        rabbitmqCores: cores(rabbitmq),
        /** Backends of this run's database, all together. */
        ourPostgresCores:
          Math.round(
            Object.entries(byProcess)
              .filter(([name]) => name.startsWith('postgres: '))
              .reduce((sum, [, used]) => sum + used, 0) * 100,
          ) / 100,
        otherCores: Math.max(0, cores(busy - ours - rabbitmq - postgres)),
        byProcess,
        seconds: Math.round(seconds * 100) / 100,
        cpuMs,
      };
    },
  };
}

/** Busy cores over a short sample, to warn when the machine is not quiet before a run. */
export async function sampleBusyCores(ms = 1000) {
  const a = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = machineTicks();
  return Math.round(((b.busy - a.busy) / TICKS_PER_SECOND / (ms / 1000)) * 100) / 100;
}

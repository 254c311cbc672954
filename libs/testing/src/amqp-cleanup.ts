import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';

const run = promisify(execFile);

async function listNames(kind: 'queues' | 'exchanges'): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', '--no-table-headers', `list_${kind}`, 'name'], { timeout: 30_000 });
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Deletes the queues and exchanges a test run declared (all carry the run's prefix). Needs
 * rabbitmqctl on this machine; without it the names stay until the broker is reset, harmlessly.
 */
export async function deleteAmqpNamesWithPrefix(amqpUrl: string, prefix: string): Promise<void> {
  await deleteAmqpNamesWhere(amqpUrl, (name) => name.startsWith(prefix));
}

/** A test run's prefix is `t<unix seconds>_<pid>.`; null for names no test run made. */
export function testRunOfName(name: string): { startedAt: number; pid: number } | null {
  const match = /^t(\d{9,11})_(\d+)\./.exec(name);
  return match ? { startedAt: Number(match[1]), pid: Number(match[2]) } : null;
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Deletes what crashed or killed test runs left on the shared broker: names of runs whose
 * process is gone or that started more than `staleAfterSeconds` ago. Leftover quorum queues
 * each hold file handles, and enough of them exhaust the broker's limit (seen: every new
 * connection then hangs), so each run sweeps before it starts.
 */
export async function deleteAmqpNamesOfFinishedRuns(amqpUrl: string, staleAfterSeconds: number): Promise<void> {
  const now = Date.now() / 1000;
  await deleteAmqpNamesWhere(amqpUrl, (name) => {
    const run = testRunOfName(name);
    return run !== null && run.pid !== process.pid && (now - run.startedAt > staleAfterSeconds || processIsGone(run.pid));
  });
}

async function deleteAmqpNamesWhere(amqpUrl: string, doomed: (name: string) => boolean): Promise<void> {
  let queues: string[];
  let exchanges: string[];
  try {
    queues = (await listNames('queues')).filter(doomed);
    exchanges = (await listNames('exchanges')).filter(doomed);
  } catch {
    return;
  }
  if (queues.length === 0 && exchanges.length === 0) return;
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';

const run = promisify(execFile);

async function listNames(kind: 'queues' | 'exchanges'): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', '--no-table-headers', `list_${kind}`, 'name'], { timeout: 30_000 });
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

/**
 * Deletes the queues and exchanges a test run declared (all carry the run's prefix). Needs
 * rabbitmqctl on this machine; without it the names stay until the broker is reset, harmlessly.
 */
export async function deleteAmqpNamesWithPrefix(amqpUrl: string, prefix: string): Promise<void> {
  let queues: string[];
  let exchanges: string[];
  try {
    queues = (await listNames('queues')).filter((name) => name.startsWith(prefix));
    exchanges = (await listNames('exchanges')).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
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

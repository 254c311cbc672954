// Every process refuses to start with a JWT_SECRET anyone can read (the placeholder
// docker-compose.yml used to ship): a clear message and exit 78 (EX_CONFIG), before it
// connects to anything.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { entryPointOf, runToExit } from '@crm/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROCESSES = ['gateway', 'contacts', 'opportunities', 'tickets', 'notifications', 'reporting'];

function start(name: string, jwtSecret: string) {
  // Unreachable servers on purpose: the refusal must come before any connection.
  const env = { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://crm@127.0.0.1:1/crm', AMQP_URL: 'amqp://127.0.0.1:1', JWT_SECRET: jwtSecret, LOG_LEVEL: 'silent' };
  return runToExit(process.execPath, [entryPointOf(root, name)], { cwd: root, env, timeoutMs: 30_000 });
}

describe('a known placeholder JWT_SECRET', () => {
  it('stops the gateway and every service at start with exit 78 and a message naming the variable', async () => {
    const results = await Promise.all(PROCESSES.map((name) => start(name, 'change-me-to-a-long-random-secret-of-32+chars')));
    results.forEach(({ code, output }, index) => {
      expect({ process: PROCESSES[index], code }).toEqual({ process: PROCESSES[index], code: 78 });
      expect(output).toContain(`[${PROCESSES[index]}] Invalid configuration:`);
      expect(output).toContain('JWT_SECRET is a known placeholder');
    });
  });
});

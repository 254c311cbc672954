// Every process refuses to start with a JWT_SECRET anyone can read (the placeholder
// docker-compose.yml used to ship): a clear message and exit 78 (EX_CONFIG), before it
// connects to anything.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { entryPointOf } from '@crm/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROCESSES = ['gateway', 'contacts', 'opportunities', 'tickets', 'notifications', 'reporting'];

function start(name: string, jwtSecret: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entryPointOf(root, name)], {
      cwd: root,
      // Unreachable servers on purpose: the refusal must come before any connection.
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://crm@127.0.0.1:1/crm', AMQP_URL: 'amqp://127.0.0.1:1', JWT_SECRET: jwtSecret, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
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

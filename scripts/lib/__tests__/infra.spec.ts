import { createServer, type Server } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { isLocalHost, isReachable, redactUrl, waitForTcp } from '../infra.mjs';

async function listen(): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('infra helpers', () => {
  it('waitForTcp gives up on a closed port soon after its deadline, naming the address', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(waitForTcp('127.0.0.1', port, 400)).rejects.toThrow(`Timed out after 400 ms waiting for 127.0.0.1:${port} to accept connections`);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2000);
  });

  it('waitForTcp and isReachable succeed at once on a listening port', async () => {
    const server = await listen();
    try {
      await expect(waitForTcp('127.0.0.1', portOf(server), 2000)).resolves.toBeUndefined();
      expect(await isReachable('127.0.0.1', portOf(server))).toBe(true);
      expect(await isReachable('127.0.0.1', await closedPort())).toBe(false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('treats only loopback names as local and never prints passwords', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]'].every(isLocalHost)).toBe(true);
    expect(isLocalHost('db.internal')).toBe(false);
    expect(redactUrl('postgres://crm:s3cret@db:5432/crm')).toBe('postgres://crm:***@db:5432/crm');
  });
});

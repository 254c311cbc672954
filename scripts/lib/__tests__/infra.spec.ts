import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ensureDependencies, installMatchesLock, isLocalHost, isReachable, redactUrl, run, waitForTcp } from '../infra.mjs';

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
  it('waitForTcp keeps trying on a closed port until its deadline, then gives up naming the address', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(waitForTcp('127.0.0.1', port, 400)).rejects.toThrow(`Timed out after 400 ms waiting for 127.0.0.1:${port} to accept connections`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
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

describe('run', () => {
  it('keeps stderr warnings apart from the answer on stdout, and runs in the given folder', async () => {
    const result = await run(process.execPath, ['-e', 'console.error("could not change directory"); console.log(process.cwd())'], { cwd: '/' });
    expect(result.stdout.trim()).toBe('/');
    expect(result.stderr.trim()).toBe('could not change directory');
  });
});

describe('dependencies', () => {
  const folders: string[] = [];
  const project = (lock: object, installed?: object) => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-deps-'));
    folders.push(dir);
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
    if (installed) {
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'node_modules', '.package-lock.json'), JSON.stringify(installed));
    }
    return dir;
  };
  const lock = {
    packages: {
      '': { name: 'crm' },
      'node_modules/pg': { version: '8.23.1' },
      'node_modules/@swc/core-darwin-arm64': { version: '1.16.22', optional: true },
    },
  };
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("an install holding every locked version matches, other platforms' optional binaries need not be there", () => {
    expect(installMatchesLock(project(lock, { packages: { 'node_modules/pg': { version: '8.23.1' } } }))).toBe(true);
  });

  it('a missing install, a missing package or another version does not match', () => {
    expect(installMatchesLock(project(lock))).toBe(false);
    expect(installMatchesLock(project(lock, { packages: {} }))).toBe(false);
    expect(installMatchesLock(project(lock, { packages: { 'node_modules/pg': { version: '8.20.0' } } }))).toBe(false);
  });

  it('a node_modules that is a symbolic link is used as it is, even when it does not match the lock (npm ci would empty its target)', async () => {
    const shared = project(lock, { packages: {} });
    const clone = project(lock);
    symlinkSync(join(shared, 'node_modules'), join(clone, 'node_modules'));
    const said = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await ensureDependencies({ root: clone });
      expect(said.mock.calls.flat().join('\n')).toContain('used as it is');
    } finally {
      said.mockRestore();
    }
  });
});

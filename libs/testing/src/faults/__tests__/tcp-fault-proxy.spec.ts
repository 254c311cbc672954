import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { TcpFaultProxy } from '../tcp-fault-proxy.js';
import { waitFor } from '../../wait-for.js';

/** Connects through the proxy, sends `text` and resolves with the echo, or rejects when the line is cut. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.length >= text.length) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed before the echo')));
    socket.write(text);
  });
}

describe('TcpFaultProxy', () => {
  let echo: Server;
  let proxy: TcpFaultProxy;

  beforeEach(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address = echo.address();
    proxy = new TcpFaultProxy({ targetHost: '127.0.0.1', targetPort: typeof address === 'object' && address ? address.port : 0 });
    await proxy.start();
  });

  afterEach(async () => {
    await proxy.stop();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('relays bytes both ways', async () => {
    expect(proxy.port).toBeGreaterThan(0);
    await expect(roundTrip(proxy.port, 'hola')).resolves.toBe('hola');
  });

  it('refuses new connections until resumed, then relays again', async () => {
    proxy.refuseNew();
    await expect(roundTrip(proxy.port, 'hola')).rejects.toThrow();
    proxy.resume();
    await expect(roundTrip(proxy.port, 'otra vez')).resolves.toBe('otra vez');
  });

  it('cuts open connections on dropAll', async () => {
    const socket: Socket = connect({ host: '127.0.0.1', port: proxy.port });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    await waitFor(async () => proxy.openConnections === 1, { timeoutMs: 2000, description: 'the proxy to relay the connection' });
    proxy.dropAll();
    await closed;
    expect(proxy.openConnections).toBe(0);
  });
});

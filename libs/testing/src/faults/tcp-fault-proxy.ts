import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpFaultProxyOptions {
  /** Where the real server listens (e.g. PostgreSQL on 127.0.0.1:5432). */
  targetHost: string;
  targetPort: number;
  /** Port to listen on (loopback only); 0 (default) picks a free one. */
  listenPort?: number;
}

/**
 * A loopback TCP relay in front of a shared server (PostgreSQL, RabbitMQ) so a test can simulate
 * its outage without stopping the server other people are using:
 * - `refuseNew()`: new connections are closed at once (like a server that is restarting), open
 *   ones keep working;
 * - `dropAll()`: every open connection is cut (like a server that went away);
 * - `resume()`: accepts and relays again.
 * A real outage is usually `refuseNew()` followed by `dropAll()`.
 */
export class TcpFaultProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private refusing = false;
  private boundPort = 0;

  constructor(private readonly options: TcpFaultProxyOptions) {}

  /** The port the proxy listens on (valid after `start()`). */
  get port(): number {
    return this.boundPort;
  }

  /** Connections currently relayed. */
  get openConnections(): number {
    return this.pairs.size;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.listenPort ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** New connections are closed as soon as they arrive; open ones are left alone. */
  refuseNew(): void {
    this.refusing = true;
  }

  /** Cuts every open connection (both directions, without a clean goodbye). */
  dropAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Accepts and relays new connections again. */
  resume(): void {
    this.refusing = false;
  }

  /** Cuts every connection and stops listening. */
  async stop(): Promise<void> {
    this.dropAll();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: this.options.targetHost, port: this.options.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

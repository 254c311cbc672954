import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';

/** pg client settings equivalent to the service's TypeORM DataSource (same role, same database). */
export function pgClientConfig(dataSource: DataSource, applicationName: string): pg.ClientConfig {
  const o = dataSource.options as unknown as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string;
    database?: string;
    ssl?: pg.ClientConfig['ssl'];
  };
  return {
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: o.password,
    database: o.database,
    ssl: o.ssl,
    application_name: applicationName,
    // LISTEN sits idle for long stretches; keepalive notices a dead peer.
    keepAlive: true,
  };
}

/**
 * A dedicated connection that LISTENs on one channel (a pooled connection cannot: it is handed
 * to others between queries). Reconnects with backoff if the connection drops; `onReconnect`
 * lets the caller catch up on what was notified while it was away.
 */
export class PgNotificationListener {
  private readonly logger = new Logger('PgNotificationListener');
  private client?: pg.Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly onReconnect: () => void = onNotify,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotify();
    });
    client.on('error', (err: Error) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      if (this.failures > 0) this.logger.log(`LISTEN ${this.channel} restored`);
      this.failures = 0;
      this.onReconnect();
    } catch (err) {
      this.lost(client, err as Error);
    }
  }

  private lost(client: pg.Client, err: Error): void {
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.client === client) this.client = undefined;
    if (this.stopped || this.retryTimer) return;
    this.failures++;
    const delay = Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6)) * (0.7 + Math.random() * 0.6);
    if (this.failures === 1) this.logger.warn(`LISTEN ${this.channel} lost (${err.message}); reconnecting`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  isListening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

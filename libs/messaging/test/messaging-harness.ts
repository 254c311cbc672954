// Shared pieces of the messaging integration tests: a scratch schema, a small Nest app wired the
// way services wire it (createServiceApp + MessagingModule + AmqpTransport), and a plain amqplib
// "tap" that sees what reached the broker. Not a spec file.
import { randomUUID } from 'node:crypto';
import { Controller, Inject, Injectable, Module, type Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuthModule, signAccessToken } from '@crm/auth';
import { CommonModule, createServiceApp } from '@crm/common';
import type { CloudEvent, Role } from '@crm/contracts';
import {
  AmqpConnection,
  AmqpContext,
  AmqpTransport,
  InboxService,
  MESSAGING_OPTIONS,
  MessagingModule,
  messagingMigrationSql,
  MessagingMetrics,
  OutboxService,
  TopologyNames,
  type MessagingModuleOptions,
  type ResolvedMessagingOptions,
} from '@crm/messaging';

export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const names = new TopologyNames(process.env.AMQP_PREFIX ?? '');
export const TENANT = '0b7f3f5e-5d7a-4f57-8a3e-2a4c1f9b6d01';

/** Runs SQL as the superuser on the per-run database. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A schema of our own with the messaging tables and an `effect` table handlers write to. */
export async function createScratchSchema(schema: string): Promise<void> {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await sql(`CREATE SCHEMA "${schema}"`);
  for (const statement of messagingMigrationSql(schema).up) await sql(statement);
  // No unique key on purpose: a double effect would show up as two rows.
  await sql(`CREATE TABLE "${schema}".effect (message_id text NOT NULL, routing_key text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
}

/** What the test handlers saw, and which subjects they must fail on. */
@Injectable()
export class HandlerProbe {
  readonly failSubjects = new Set<string>();
  /** Subjects whose handler takes this long (ms), to catch it mid-flight. */
  readonly slowSubjects = new Map<string, number>();
  readonly calls: { id: string; subject: string; routingKey: string; retryCount: number; correlationId?: string }[] = [];
  callsFor(subject: string): number {
    return this.calls.filter((c) => c.subject === subject).length;
  }
}

/**
 * A controller whose patterns are `<prefix>.thing.*` and `sales.<prefix>.created` (an ERP event:
 * bound on erp.events because its first word is an ERP domain). Each test file uses its own
 * prefix: all files of a run share the exchanges, and must not receive each other's events.
 */
export function eventsControllerFor(prefix: string, catalogueType?: string): Type<unknown> {
  @Controller()
  class TestEventsController {
    constructor(
      readonly inbox: InboxService,
      readonly probe: HandlerProbe,
      @Inject(MESSAGING_OPTIONS) readonly options: ResolvedMessagingOptions,
    ) {}

    @EventPattern<string>(`${prefix}.thing.*`)
    async onThing(@Payload() event: CloudEvent<{ n?: number }>, @Ctx() context: AmqpContext): Promise<void> {
      this.probe.calls.push({ id: event.id, subject: event.subject, routingKey: context.getRoutingKey(), retryCount: context.getRetryCount(), correlationId: event.correlationid });
      if (this.probe.failSubjects.has(event.subject)) throw new Error(`cannot handle ${event.subject}`);
      const slow = this.probe.slowSubjects.get(event.subject);
      if (slow) await new Promise((resolve) => setTimeout(resolve, slow));
      await this.record(event, context, 'thing');
    }

    @EventPattern<string>(`sales.${prefix}.created`)
    async onOrder(@Payload() event: CloudEvent, @Ctx() context: AmqpContext): Promise<void> {
      this.probe.calls.push({ id: event.id, subject: event.subject, routingKey: context.getRoutingKey(), retryCount: context.getRetryCount() });
      await this.record(event, context, 'order');
    }

    /** Bound only when the test asks for a catalogue type (see below). */
    async onCatalogued(@Payload() event: CloudEvent, @Ctx() context: AmqpContext): Promise<void> {
      this.probe.calls.push({ id: event.id, subject: event.subject, routingKey: context.getRoutingKey(), retryCount: context.getRetryCount() });
      await this.record(event, context, 'catalogued');
    }

    private async record(event: CloudEvent, context: AmqpContext, consumer: string): Promise<void> {
      await this.inbox.handleOnce(event, `itest.${consumer}`, (em) =>
        em.query(`INSERT INTO "${this.options.schema}".effect (message_id, routing_key) VALUES ($1, $2)`, [event.id, context.getRoutingKey()]),
      );
    }
  }
  if (catalogueType) {
    const method = Object.getOwnPropertyDescriptor(TestEventsController.prototype, 'onCatalogued')!;
    EventPattern<string>(catalogueType)(TestEventsController.prototype, 'onCatalogued', method);
  }
  return TestEventsController;
}

export interface TestApp {
  app: NestFastifyApplication;
  probe: HandlerProbe;
  dataSource: DataSource;
  outbox: OutboxService;
  metrics: MessagingMetrics;
  /** Commits `count` events of `type` in one transaction and returns their ids. */
  commitEvents(type: string, count: number, subject?: (i: number) => string): Promise<string[]>;
  effects(): Promise<{ message_id: string; routing_key: string }[]>;
  /** A real HTTP call to the app (light-my-request cannot load under Jest ESM on Node 20). */
  http(method: string, path: string, token: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

type HarnessOptions = { eventPrefix?: string; catalogueType?: string; databaseUrl?: string };

function messagingOptionsOf<T extends HarnessOptions>(options: T): Omit<T, keyof HarnessOptions> {
  const { eventPrefix: _prefix, catalogueType: _type, databaseUrl: _url, ...rest } = options;
  return rest;
}

/**
 * Boots an app the way services do; with `consume` it also starts the AmqpTransport.
 * `catalogueType`: also handle this type from the contracts catalogue (schema validation tests).
 * `databaseUrl`: connect through it instead (a TcpFaultProxy in front of Postgres).
 */
export async function startTestApp(options: MessagingModuleOptions & { consume: boolean } & HarnessOptions): Promise<TestApp> {
  const schema = options.schema ?? options.service;
  const probe = new HandlerProbe();
  const modules = [
    CommonModule.forService(options.service),
    AuthModule.forRoot(process.env.JWT_SECRET),
    TypeOrmModule.forRoot({ type: 'postgres', url: options.databaseUrl ?? DATABASE_URL, schema, synchronize: false, extra: { max: 8, application_name: `itest-${options.service}` } }),
    MessagingModule.forService({ retryDelaysMs: [100, 200], ...messagingOptionsOf(options) }),
  ];
  const eventPrefix = options.eventPrefix ?? 'itest';
  @Module({ imports: modules, controllers: options.consume ? [eventsControllerFor(eventPrefix, options.catalogueType)] : [], providers: [{ provide: HandlerProbe, useValue: probe }] })
  class TestAppModule {}

  const app = await createServiceApp({
    name: options.service,
    module: TestAppModule,
    transport: options.consume ? (a) => a.get(AmqpTransport) : undefined,
  });
  await app.startAllMicroservices();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();
  // Publish-only apps do not wait in startup; tests bind to exchanges the connection declares.
  if (!(await app.get(AmqpConnection).waitUntilConnected(10_000))) throw new Error('RabbitMQ not reachable');
  const dataSource = app.get(DataSource);
  const outbox = app.get(OutboxService);
  return {
    app,
    probe,
    dataSource,
    outbox,
    metrics: app.get(MessagingMetrics),
    async commitEvents(type, count, subject = (i) => `s-${i}`) {
      const events = Array.from({ length: count }, (_, i) => ({ type, subject: subject(i), tenantId: TENANT, data: { n: i } }));
      const envelopes = await dataSource.transaction((em) => outbox.publishAll(em, events));
      return envelopes.map((e) => e.id);
    },
    effects: () => dataSource.query(`SELECT message_id, routing_key FROM "${schema}".effect`),
    async http(method, path, token) {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}

export function tokenFor(roles: Role[], tenantId = TENANT): Promise<string> {
  return signAccessToken({ kind: 'user', id: randomUUID(), tenantId, roles, teamIds: [], scopes: [] }, process.env.JWT_SECRET ?? '');
}

/** A plain amqplib consumer (no Nest) on its own prefixed queue bound to `exchange` with `pattern`. */
export class Tap {
  readonly messages: ConsumeMessage[] = [];
  private constructor(
    private readonly connection: ChannelModel,
    readonly channel: Channel,
  ) {}

  static async open(pattern: string, exchange = names.events): Promise<Tap> {
    const connection = await amqp.connect(AMQP_URL);
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const queue = `${names.prefix}tap.${randomUUID()}`;
    await channel.assertQueue(queue, { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, pattern);
    const tap = new Tap(connection, channel);
    await channel.consume(queue, (msg) => msg && tap.messages.push(msg), { noAck: true });
    return tap;
  }

  ids(): string[] {
    return this.messages.map((m) => String(m.properties.messageId));
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}

/** Publishes like a non-Nest system would (the ERP): plain amqplib, confirm channel. */
export async function publishRaw(exchange: string, routingKey: string, body: Buffer | object, messageId: string = randomUUID()): Promise<string> {
  const connection = await amqp.connect(AMQP_URL);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    channel.publish(exchange, routingKey, content, { persistent: true, messageId, contentType: 'application/json' });
    await channel.waitForConfirms();
    return messageId;
  } finally {
    await connection.close();
  }
}

export function cloudEvent(type: string, subject: string, source = 'erp/sales'): CloudEvent<{ subject: string }> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    tenantid: TENANT,
    correlationid: randomUUID(),
    data: { subject },
  };
}

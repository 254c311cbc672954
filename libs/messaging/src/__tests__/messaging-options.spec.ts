import { describe, expect, it } from '@jest/globals';
import { messagingMigrationSql } from '../messaging-migration.js';
import { resolveMessagingOptions } from '../messaging-options.js';

describe('resolveMessagingOptions', () => {
  it('reads AMQP_URL and AMQP_PREFIX and fills the defaults', () => {
    const o = resolveMessagingOptions({ service: 'notifications' }, { AMQP_URL: 'amqp://h', AMQP_PREFIX: 'p.' });
    expect(o.amqpUrl).toBe('amqp://h');
    expect(o.names.serviceQueue('notifications')).toBe('p.crm.notifications');
    expect(o.schema).toBe('notifications');
    expect(o).toMatchObject({ relay: true, consume: true, prefetch: 20, deliveryLimit: 5, retryDelaysMs: [1000, 5000, 30_000] });
  });

  it('names the missing variable', () => {
    expect(() => resolveMessagingOptions({ service: 'contacts' }, {})).toThrow('AMQP_URL is not set');
  });

  it('refuses names that would end up unquoted in SQL or AMQP', () => {
    expect(() => resolveMessagingOptions({ service: 'Contacts; drop' }, { AMQP_URL: 'amqp://h' })).toThrow('invalid service name');
    expect(() => resolveMessagingOptions({ service: 'contacts', schema: 'x"; drop' }, { AMQP_URL: 'amqp://h' })).toThrow('unsafe SQL identifier');
    expect(() => resolveMessagingOptions({ service: 'c', retryDelaysMs: [0] }, { AMQP_URL: 'amqp://h' })).toThrow('retryDelaysMs');
  });
});

describe('messagingMigrationSql', () => {
  it('creates the three tables, the unpublished index and the NOTIFY trigger in the schema', () => {
    const { up, down } = messagingMigrationSql('tickets');
    const sql = up.join('\n');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "tickets".outbox_message');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "tickets".inbox_message');
    expect(sql).toContain('PRIMARY KEY (message_id, consumer)');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "tickets".dead_letter');
    expect(sql).toMatch(/ON "tickets"\.outbox_message \(occurred_at\) WHERE published_at IS NULL/);
    expect(sql).toContain("pg_notify('tickets_outbox', '')");
    expect(down.join('\n')).toContain('DROP TABLE IF EXISTS "tickets".outbox_message');
  });

  it('rejects an unsafe schema name', () => {
    expect(() => messagingMigrationSql('a-b')).toThrow('unsafe SQL identifier');
  });
});

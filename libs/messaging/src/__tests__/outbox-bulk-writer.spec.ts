import { describe, expect, it } from '@jest/globals';
import { OutboxBulkWriter } from '../outbox-bulk-writer.js';

describe('OutboxBulkWriter', () => {
  const writer = new OutboxBulkWriter({ schema: 'contacts', service: 'contacts' });

  it('writes into the service schema’s outbox with the CloudEvents envelope of buildCloudEvent', () => {
    const sql = writer.insertFromSelectSql({ type: 'contacts.contact.created', select: 'SELECT 1 AS subject, 2 AS data', tenantSql: '$3::uuid', correlationSql: '$4::text' });
    expect(sql).toContain('INSERT INTO "contacts".outbox_message (id, event_type, tenant_id, subject, envelope)');
    for (const field of ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'tenantid', 'correlationid', 'data']) expect(sql).toContain(`'${field}'`);
    expect(sql).toContain("'crm/contacts'");
    expect(sql).toContain('coalesce(($4::text)::text, e.event_id::text)');
  });

  it('refuses an event type that is not a routing key (it is written into the SQL text)', () => {
    expect(() => writer.insertFromSelectSql({ type: "x'; DROP TABLE y; --", select: 'SELECT 1', tenantSql: '$1' })).toThrow(/invalid event type/);
  });

  it('deletes only published copies, and nothing for no subjects', async () => {
    const calls: unknown[][] = [];
    const runner = { query: async (text: string, params?: unknown[]) => void calls.push([text, params]) };
    await writer.deletePublished(runner, 't1', []);
    expect(calls).toEqual([]);
    await writer.deletePublished(runner, 't1', ['a', 'b']);
    expect(calls[0]![0]).toContain('published_at IS NOT NULL');
    expect(calls[0]![1]).toEqual(['t1', ['a', 'b']]);
  });
});

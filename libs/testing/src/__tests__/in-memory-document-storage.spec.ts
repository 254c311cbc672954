import { describe, expect, it } from '@jest/globals';
import { InMemoryDocumentStorage } from '../in-memory-document-storage.js';

describe('InMemoryDocumentStorage', () => {
  it('stores, links to, and removes documents', async () => {
    const storage = new InMemoryDocumentStorage();
    await storage.put('t1/contacts/2026/01/a', Buffer.from('hola'), { contentType: 'text/plain', fileName: 'hola.txt' });
    expect(await storage.exists('t1/contacts/2026/01/a')).toBe(true);
    const url = await storage.presignGet('t1/contacts/2026/01/a', { fileName: 'hola.txt' });
    expect(storage.readPresigned(url)?.body.toString()).toBe('hola');
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get('t1/contacts/2026/01/a')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hola');
    await storage.remove('t1/contacts/2026/01/a');
    expect(storage.readPresigned(url)).toBeUndefined();
    await expect(storage.get('t1/contacts/2026/01/a')).rejects.toThrow(/no object/);
  });

  it('simulates an outage', async () => {
    const storage = new InMemoryDocumentStorage();
    storage.available = false;
    expect(await storage.ping()).toBe(false);
    await expect(storage.put('k', Buffer.from('x'), { contentType: 'text/plain', fileName: 'x.txt' })).rejects.toThrow(/unavailable/);
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AmqpSpy, CrmWorld, startS3Server, waitFor, type RunningS3Server } from '@crm/testing';

/** A small but real PDF (header, one empty page, trailer). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A loopback TCP proxy in front of S3 that can refuse connections, to stage an S3 outage. */
class S3Outage {
  refusing = false;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<S3Outage> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new S3Outage(server, (server.address() as { port: number }).port);
    server.on('connection', (client) => {
      if (proxy.refusing) return client.destroy();
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        proxy.sockets.add(socket);
        socket.on('close', () => proxy.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    return proxy;
  }

  /** Refuse new connections and cut the open ones (keep-alive sockets). */
  down(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  up(): void {
    this.refusing = false;
  }

  async stop(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('anonymisation leaves no personal data behind and survives storage failures', () => {
  let world: CrmWorld;
  let s3: RunningS3Server;
  let outage: S3Outage;
  let db: pg.Client;
  let spy: AmqpSpy;

  const anonymize = (id: string) => world.api.post(`/api/v1/contacts/${id}/anonymize`, { confirm: true }, world.adminToken);
  async function merge(primaryId: string, duplicateIds: string[]) {
    const { version } = (await world.api.get(`/api/v1/contacts/${primaryId}`, world.adminToken)).body;
    return world.api.post('/api/v1/contacts/merge', { primaryId, duplicateIds, version }, world.adminToken);
  }

  async function upload(contactId: string, fileName: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), fileName);
    const response = await world.api.request('POST', `/api/v1/contacts/${contactId}/documents`, { body: form, token: world.adminToken });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function objectKeysOf(contactId: string): Promise<string[]> {
    const rows = await db.query<{ object_key: string }>('SELECT object_key FROM contacts.contact_document WHERE contact_id = $1', [contactId]);
    return rows.rows.map((row) => row.object_key);
  }

  /** Straight to the S3 endpoint (not through the proxy): is the object still stored? */
  async function stored(key: string): Promise<boolean> {
    const response = await fetch(`${s3.endpoint}/${s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`, { method: 'HEAD' });
    return response.status === 200;
  }

  beforeAll(async () => {
    s3 = await startS3Server();
    outage = await S3Outage.start(s3.port);
    world = await CrmWorld.start({
      services: ['contacts'],
      env: { ...s3.env, S3_ENDPOINT: `http://127.0.0.1:${outage.port}`, S3_TIMEOUT_MS: '1500', STORAGE_REMOVAL_RETRY_MS: '300' },
    });
    db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.anonymized');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await db?.end();
    await world?.stop();
    await outage?.stop();
    await s3?.stop();
  });

  it('wipes the contacts merged into it and the names in its merge history', async () => {
    const tag = randomUUID().slice(0, 6);
    const survivor = await world.createContact(world.adminToken, { firstName: 'Andrés', lastName: `Zapata ${tag}`, email: `andres-${tag}@cliente.co` });
    const duplicate = await world.createContact(world.adminToken, {
      firstName: 'Andrés Felipe',
      lastName: `Zapata Ruiz ${tag}`,
      email: `afzapata-${tag}@correo.co`,
      phone: '+57 310 555 0101',
      taxId: `80${tag.replace(/\D/g, '7')}123`,
      city: 'Envigado',
    });
    expect((await merge(survivor.id, [duplicate.id])).status).toBe(200);
    const history = (await world.api.get(`/api/v1/contacts/${survivor.id}/timeline`, world.adminToken)).body.items;
    expect(JSON.stringify(history)).toContain(`Zapata Ruiz ${tag}`);

    expect((await anonymize(survivor.id)).status).toBe(200);

    const timeline = (await world.api.get(`/api/v1/contacts/${survivor.id}/timeline`, world.adminToken)).body.items;
    expect(timeline.map((item: { kind: string }) => item.kind)).toContain('merged');
    for (const secret of ['Zapata', 'Andrés', 'afzapata', 'Envigado', '555 0101']) expect(JSON.stringify(timeline)).not.toContain(secret);
    // The merged-away row is only reachable by id (a pointer to its survivor), but it is personal data all the same.
    const [row] = (await db.query('SELECT * FROM contacts.contact WHERE id = $1', [duplicate.id])).rows;
    expect(row).toMatchObject({ display_name: 'Contacto anonimizado', email: null, phone: null, tax_id: null, city: null, emails: [], phones: [] });
    expect(row.anonymized_at).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain('Zapata');
    // Other services are told about both ids (they may hold copies made before the merge).
    for (const id of [survivor.id, duplicate.id]) {
      const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.anonymized' && m.body.subject === id);
      expect(event.body.data).toMatchObject({ contactId: id });
    }
  });

  it('refuses to merge with an anonymised contact, on either side (409)', async () => {
    const anonymised = await world.createContact(world.adminToken);
    const other = await world.createContact(world.adminToken, { email: `vuelve-${randomUUID().slice(0, 6)}@cliente.co`, city: 'Cali' });
    expect((await anonymize(anonymised.id)).status).toBe(200);

    const into = await merge(anonymised.id, [other.id]);
    expect(into.status).toBe(409);
    expect(into.headers.get('content-type')).toContain('application/problem+json');
    expect(into.body.detail).toContain('anonimizado');
    expect((await merge(other.id, [anonymised.id])).status).toBe(409);
    const after = (await world.api.get(`/api/v1/contacts/${anonymised.id}`, world.adminToken)).body;
    expect(after).toMatchObject({ displayName: 'Contacto anonimizado', email: null, address: expect.objectContaining({ city: null }) });
    expect((await world.api.get(`/api/v1/contacts/${other.id}`, world.adminToken)).status).toBe(200);
  });

  it('scrubs the personal data of stored dead letters about the contact, and leaves the others', async () => {
    const tag = randomUUID().slice(0, 6);
    const email = `muerta-${tag}@cliente.co`;
    const contact = await world.createContact(world.adminToken, { firstName: 'Lucía', lastName: `Cárdenas ${tag}`, email });
    const tenantId = (await db.query('SELECT tenant_id FROM contacts.contact WHERE id = $1', [contact.id])).rows[0].tenant_id as string;
    // Bodies the consumer refuses at once (not a JSON object): stored as dead letters of the tenant.
    const exchange = `${world.platform.amqpPrefix}crm.events`;
    const bodies = [[{ contactId: contact.id, note: 'Lucía pidió la cotización' }], [{ email, phone: '+57 311 000 1234' }], [{ contactId: randomUUID(), note: `otra persona ${tag}` }]];
    for (const body of bodies) {
      await spy.publish(exchange, 'tickets.ticket.created', body, randomUUID(), { headers: { 'x-tenant-id': tenantId } });
    }
    const listed = () => world.api.get('/api/v1/admin/dead-letters?service=contacts&limit=200', world.adminToken);
    const mine = (items: { rawBody: string | null; envelope: unknown; reason: string }[]) =>
      items.filter((item) => JSON.stringify(item).includes(tag) || JSON.stringify(item).includes(contact.id));
    await waitFor(
      async () =>
        (await listed()).body.items?.filter((item: { rawBody: string | null }) => item.rawBody?.includes(tag) || item.rawBody?.includes(contact.id)).length >= 3 ? true : undefined,
      {
        description: 'the three dead letters to be stored',
      },
    );

    expect((await anonymize(contact.id)).status).toBe(200);

    const items = (await listed()).body.items as { id: string; rawBody: string | null; envelope: unknown; reason: string }[];
    const text = JSON.stringify(items);
    for (const secret of [email, 'Lucía', 'Cárdenas', contact.id, '311 000 1234']) expect(text).not.toContain(secret);
    // The unrelated one is untouched; the scrubbed ones stay listed (the failure is still a fact).
    expect(mine(items).filter((item) => item.rawBody?.includes(`otra persona ${tag}`))).toHaveLength(1);
    expect(items.filter((item) => item.reason.includes('anonimizado'))).toHaveLength(2);
  });

  it('empties the rows an import refused that carry the contact’s e-mail or phone', async () => {
    const tag = randomUUID().slice(0, 6);
    const email = `rechazada-${tag}@cliente.co`;
    const contact = await world.createContact(world.adminToken, { firstName: 'Valentina', lastName: `Mejía ${tag}`, email });
    const csv = `Nombre,Correo,Teléfono\nValentina Mejía ${tag},${email},no-es-un-teléfono\nOtra Persona ${tag},otra-${tag}@cliente.co,teléfono-malo\n`;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(csv))], { type: 'text/csv' }), 'contactos.csv');
    const started = await world.api.request('POST', '/api/v1/contacts/imports', { body: form, token: world.adminToken });
    expect(started.status).toBe(202);
    await waitFor(async () => ((await world.api.get(`/api/v1/contacts/imports/${started.body.id}`, world.adminToken)).body.status === 'completed' ? true : undefined), {
      description: 'the import to finish',
    });
    const rejected = async () => (await world.api.get(`/api/v1/contacts/imports/${started.body.id}/rejected-rows`, world.adminToken)).body as string;
    expect(await rejected()).toContain(email);

    expect((await anonymize(contact.id)).status).toBe(200);

    const after = await rejected();
    for (const secret of [email, 'Valentina', 'no-es-un-teléfono']) expect(after).not.toContain(secret);
    expect(after).toContain(`Otra Persona ${tag}`);
  });

  it('deletes documents from S3 only once the anonymisation committed', async () => {
    const contact = await world.createContact(world.adminToken, { firstName: 'Mateo', lastName: `Ríos ${randomUUID().slice(0, 6)}` });
    await upload(contact.id, 'pasaporte-mateo.pdf');
    const [key] = await objectKeysOf(contact.id);
    expect(await stored(key!)).toBe(true);
    // The transaction fails at its end (after the documents were handled): nothing may be lost.
    await db.query(`CREATE OR REPLACE FUNCTION public.fail_anonymization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure at commit time'; END $$`);
    await db.query(`CREATE TRIGGER fail_anonymization BEFORE INSERT ON contacts.contact_change FOR EACH ROW WHEN (NEW.kind = 'anonymized') EXECUTE FUNCTION public.fail_anonymization()`);
    try {
      const failed = await anonymize(contact.id);
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await db.query('DROP TRIGGER fail_anonymization ON contacts.contact_change');
    }
    expect((await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken)).body.anonymizedAt ?? null).toBeNull();
    expect(await stored(key!)).toBe(true);
    const documents = (await world.api.get(`/api/v1/contacts/${contact.id}/documents`, world.adminToken)).body.items;
    expect(documents).toHaveLength(1);

    expect((await anonymize(contact.id)).status).toBe(200);
    await waitFor(async () => ((await stored(key!)) ? undefined : true), { description: 'the object to be deleted after the commit' });
  });

  it('anonymises while S3 is down and deletes the objects once it is back', async () => {
    const contact = await world.createContact(world.adminToken, { firstName: 'Sara', lastName: `Gómez ${randomUUID().slice(0, 6)}` });
    await upload(contact.id, 'historia-clinica-sara.pdf');
    await upload(contact.id, 'cedula-sara.pdf');
    const keys = await objectKeysOf(contact.id);
    expect(keys).toHaveLength(2);
    outage.down();
    let done;
    try {
      done = await anonymize(contact.id);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ documentsDeleted: 2 });
      expect((await world.api.get(`/api/v1/contacts/${contact.id}/documents`, world.adminToken)).body.items).toEqual([]);
      // Still stored while S3 is unreachable, but remembered.
      for (const key of keys) expect(await stored(key)).toBe(true);
      const pending = await db.query('SELECT object_key FROM contacts.object_removal WHERE object_key = ANY($1)', [keys]);
      expect(pending.rows).toHaveLength(2);
    } finally {
      outage.up();
    }
    await waitFor(async () => ((await Promise.all(keys.map(stored))).some(Boolean) ? undefined : true), { timeoutMs: 20_000, description: 'the objects to be deleted once S3 is back' });
    await waitFor(async () => ((await db.query('SELECT 1 FROM contacts.object_removal WHERE object_key = ANY($1)', [keys])).rows.length === 0 ? true : undefined), {
      description: 'the pending removals to be cleared',
    });
  });
});

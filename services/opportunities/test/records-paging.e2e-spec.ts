import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type ApiResponse, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';

const tinyPdf = (n: number) => new Blob([new Uint8Array(Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`))], { type: 'application/pdf' });

/** Issue #7: the notes and documents of an opportunity are keyset pages like the other lists. */
describe('notes and documents of an opportunity, page by page', () => {
  let world: CrmWorld;
  let seller: WorldUser;
  let colleague: WorldUser;
  let opportunityId: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities'] });
    const team = await world.createTeam(`Páginas ${randomUUID().slice(0, 6)}`);
    [seller, colleague] = await Promise.all([world.createUser(['sales'], [team]), world.createUser(['sales'], [team])]);
    const contact = await world.createContact(seller.token, { lastName: 'Paginado', teamId: team });
    const created = await createOpportunity(world.api, seller.token, { title: 'Muchas notas', contactId: contact.id });
    expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
    opportunityId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** Every page of a list, following nextCursor. */
  async function allPages(path: string, token: string, limit: number): Promise<{ pages: number; ids: string[] }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: ApiResponse = await world.api.get(`${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { pages, ids };
  }

  it('pages notes newest first without repeating or losing any, and never shows another person’s private note', async () => {
    const notesPath = `/api/v1/opportunities/${opportunityId}/notes`;
    const shared: string[] = [];
    for (let i = 1; i <= 5; i += 1) shared.push((await world.api.post(notesPath, { body: `Nota compartida ${i}` }, seller.token)).body.id);
    const secret = (await world.api.post(notesPath, { body: 'Solo mía', visibility: 'private' }, colleague.token)).body.id as string;

    const sellers = await allPages(notesPath, seller.token, 2);
    expect(sellers).toEqual({ pages: 3, ids: [...shared].reverse() });
    const colleagues = await allPages(notesPath, colleague.token, 2);
    expect(colleagues.ids).toEqual([secret, ...[...shared].reverse()]);
  });

  it('pages documents newest first', async () => {
    const path = `/api/v1/opportunities/${opportunityId}/documents`;
    const uploaded: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const form = new FormData();
      form.append('file', tinyPdf(i), `anexo-${i}.pdf`);
      const response = await world.api.request('POST', path, { body: form, token: seller.token });
      expect(response.status).toBe(201);
      uploaded.push(response.body.id);
    }
    expect(await allPages(path, colleague.token, 2)).toEqual({ pages: 2, ids: [...uploaded].reverse() });
  });

  it('answers a forged or malformed cursor with 400 naming cursor', async () => {
    const forged = Buffer.from(JSON.stringify(["2026-01-01'; DROP TABLE x; --", 'no-uuid'])).toString('base64url');
    for (const path of [`/api/v1/opportunities/${opportunityId}/notes`, `/api/v1/opportunities/${opportunityId}/documents`]) {
      for (const cursor of [forged, 'basura', Buffer.from('[1]').toString('base64url')]) {
        const response = await world.api.get(`${path}?cursor=${encodeURIComponent(cursor)}`, seller.token);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      }
      expect((await world.api.get(`${path}?limit=0`, seller.token)).status).toBe(400);
    }
  });
});

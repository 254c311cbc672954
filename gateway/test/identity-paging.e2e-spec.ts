import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeCursor } from '@crm/common';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

const NAMES = ['Ñandú Pérez', 'ñandú pérez', 'Álvaro Gómez', 'álvaro gómez', 'Zoe Ruiz', 'zoe ruiz', 'Ana Díaz'];
const SOME_ID = '6f1d7a3e-8a7c-4d6b-9f7e-1b2c3d4e5f60';

describe('users and teams lists through the gateway: typed cursors, exact paging', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let admin: string;
  const marker = `pg${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: [] });
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    // Created concurrently, so several share a millisecond or even a transaction time.
    await Promise.all(
      NAMES.map(async (name, index) => {
        const user = await api.post('/api/v1/users', { email: `${marker}-${index}@demo.test`, name: `${name} ${marker}`, password: 'Sup3r-Secret-Pass!', roles: ['sales'] }, admin);
        expect(user.status).toBe(201);
        const team = await api.post('/api/v1/teams', { name: `${marker} ${index} ${name}` }, admin);
        expect(team.status).toBe(201);
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function walk(path: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        admin,
      );
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor && ids.length < 100);
    return ids;
  }

  it('pages users by every sort, one or two at a time, without repeating or skipping anyone', async () => {
    for (const sort of ['name', '-name', 'createdAt', '-createdAt']) {
      const all = await walk(`/api/v1/users?q=${marker}&sort=${sort}`, 200);
      expect(all).toHaveLength(NAMES.length);
      for (const limit of [1, 2]) expect(await walk(`/api/v1/users?q=${marker}&sort=${sort}`, limit)).toEqual(all);
    }
  });

  it('pages teams one or two at a time without repeating or skipping any', async () => {
    const all = await walk('/api/v1/teams', 200);
    expect(all.length).toBeGreaterThanOrEqual(NAMES.length);
    expect(new Set(all).size).toBe(all.length);
    for (const limit of [1, 2]) expect(await walk('/api/v1/teams', limit)).toEqual(all);
  });

  it('answers a forged cursor with 400 problem+json naming the cursor', async () => {
    const forged = [
      ['/api/v1/users?sort=createdAt', encodeCursor(['2026-03-01T99:00:00Z', SOME_ID])],
      ['/api/v1/users?sort=-createdAt', encodeCursor([{ $gt: 1 }, SOME_ID])],
      ['/api/v1/users?sort=name', encodeCursor(['ana', 'not-a-uuid'])],
      ['/api/v1/users?sort=name', encodeCursor(['ana\u0000', SOME_ID])],
      ['/api/v1/teams', encodeCursor(['a\u0000b', SOME_ID])],
      ['/api/v1/teams', encodeCursor([42, SOME_ID])],
      ['/api/v1/teams', 'bm90LWpzb24'],
    ];
    for (const [path, cursor] of forged) {
      const response = await api.get(`${path}${path!.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor!)}`, admin);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});

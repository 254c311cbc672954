import { randomUUID } from 'node:crypto';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function checkSegment(value: string, what: string): void {
  if (!SEGMENT.test(value) || value.includes('..')) {
    throw new Error(`Invalid ${what} for an object key: ${JSON.stringify(value)}`);
  }
}

/**
 * A fresh, unguessable object key `<tenantId>/<folder>/<yyyy>/<mm>/<uuid>`. It is never derived
 * from the uploaded file name, so names cannot collide, traverse paths or leak into URLs; the
 * tenant prefix keeps one tenant's objects together (lifecycle rules, exports, deletion).
 */
export function newObjectKey(tenantId: string, folder: string, now: Date = new Date()): string {
  checkSegment(tenantId, 'tenant id');
  checkSegment(folder, 'folder');
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${tenantId}/${folder}/${yyyy}/${mm}/${randomUUID()}`;
}

import { Problems } from '@crm/common';

/**
 * The version a client says it edited: `version` in the body wins, else `If-Match` ("3", W/"3").
 * No version at all is a 428: an update must say what it saw.
 */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const match = ifMatch?.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (match) return Number(match[1]);
  throw Problems.versionRequired();
}

/** Throws 412 when the stored version is not the one the client edited. */
export function assertVersion(current: { version: number }, expected: number): void {
  if (current.version !== expected) throw Problems.staleVersion(current.version);
}

/** The ETag a versioned resource is served with, so clients can send it back as If-Match. */
export function etagOf(entity: { version: number }): string {
  return `"${entity.version}"`;
}

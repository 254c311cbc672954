import type { CannedResponse, CannedScope } from './canned-response.entity.js';

export interface CannedResponseView {
  id: string;
  scope: CannedScope;
  ownerId: string | null;
  teamId: string | null;
  title: string;
  body: string;
  /** Whether the caller may edit or delete it. */
  canManage: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toCannedView(row: CannedResponse, canManage: boolean): CannedResponseView {
  return {
    id: row.id,
    scope: row.scope,
    ownerId: row.ownerId,
    teamId: row.teamId,
    title: row.title,
    body: row.body,
    canManage,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

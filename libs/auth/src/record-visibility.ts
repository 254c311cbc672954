import type { AuthUser } from './auth-user.js';

/** Column names (qualified with the query alias) the visibility rule reads. */
export interface VisibilityColumns {
  owner: string;
  team: string;
  createdBy: string;
  /** Boolean column: the record is shared with its team. Omit when every record is team-shared. */
  sharedWithTeam?: string;
}

export type VisibilityLevel = 'all' | 'team' | 'own';

/**
 * ARCHITECTURE §5: admins (and tenant-wide API keys) see the whole tenant; managers see their
 * teams' records and their own; sales and support see what they own or created unassigned,
 * plus what their team shares; read-only users see what their team shares.
 */
export function visibilityLevel(user: AuthUser): VisibilityLevel {
  if (user.kind === 'api-key' || user.roles.includes('admin')) return 'all';
  if (user.roles.includes('manager')) return 'team';
  return 'own';
}

/**
 * A SQL predicate (TypeORM named parameters) to AND into every read: lists, search, export,
 * counts and by-id lookups, so a record you may not see is simply not found (404, never 403).
 */
export function visibilityPredicate(user: AuthUser, columns: VisibilityColumns): { sql: string; params: Record<string, unknown> } {
  const params = { visUserId: user.id, visTeamIds: user.teamIds.length > 0 ? user.teamIds : ['00000000-0000-0000-0000-000000000000'] };
  const level = visibilityLevel(user);
  if (level === 'all') return { sql: '1=1', params: {} };
  const ownedOrCreatedUnassigned = `(${columns.owner} = :visUserId OR (${columns.owner} IS NULL AND ${columns.createdBy} = :visUserId))`;
  const teamMember = `${columns.team} IN (:...visTeamIds)`;
  if (level === 'team') return { sql: `(${ownedOrCreatedUnassigned} OR ${teamMember})`, params };
  const shared = columns.sharedWithTeam ? `(${columns.sharedWithTeam} AND ${teamMember})` : teamMember;
  const isReadonlyOnly = user.roles.every((role) => role === 'readonly');
  return { sql: isReadonlyOnly ? `(${shared})` : `(${ownedOrCreatedUnassigned} OR ${shared})`, params };
}

/** The fields of one record the visibility rule reads. */
export interface VisibilityRecord {
  ownerId: string | null;
  teamId: string | null;
  createdBy: string;
  /** Omit when every record is team-shared. */
  sharedWithTeam?: boolean;
}

/**
 * The same rule as visibilityPredicate, for one record already in memory: who may be told
 * about it (reminders, notifications) without a query per person.
 */
export function isRecordVisible(user: AuthUser, record: VisibilityRecord): boolean {
  const level = visibilityLevel(user);
  if (level === 'all') return true;
  const ownedOrCreatedUnassigned = record.ownerId === user.id || (record.ownerId === null && record.createdBy === user.id);
  const teamMember = record.teamId !== null && user.teamIds.includes(record.teamId);
  if (level === 'team') return ownedOrCreatedUnassigned || teamMember;
  const shared = (record.sharedWithTeam ?? true) && teamMember;
  const isReadonlyOnly = user.roles.every((role) => role === 'readonly');
  return isReadonlyOnly ? shared : ownedOrCreatedUnassigned || shared;
}

/** Can this user write (edit, assign, delete) a record they can see? Read-only users cannot. */
export function canWrite(user: AuthUser): boolean {
  return user.kind === 'api-key' ? user.scopes.some((scope) => scope.endsWith(':write')) : !user.roles.every((role) => role === 'readonly');
}

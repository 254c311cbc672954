import type { EntityManager } from 'typeorm';
import { isRecordVisible, type AuthUser } from '@crm/auth';
import type { Role } from '@crm/contracts';
import { reminderGoesToTeam, type DueReminderRow } from './note-events.js';

interface ProjectedUser {
  user_id: string;
  tenant_id: string;
  team_ids: string[];
  roles: Role[] | null;
  active: boolean;
}

/**
 * Who each due reminder goes to: its author, or for a team reminder the team's active members
 * and the author — in both cases only those who can see the contact, by the same rule as the
 * REST API (libs/auth record visibility), so a contact not shared with the team reaches its
 * owner and the team's managers, not every member. Users come from contacts' own projection
 * (user_ref); an author it does not know yet (a projection a few milliseconds behind) is kept,
 * as they wrote the note on a contact they could see.
 */
export async function reminderRecipients(em: EntityManager, rows: readonly DueReminderRow[]): Promise<Map<string, string[]>> {
  const authorIds = [...new Set(rows.map((row) => row.author_id))];
  const teamIds = [...new Set(rows.filter(reminderGoesToTeam).map((row) => row.team_id!))];
  const users: ProjectedUser[] = await em.query('SELECT user_id, tenant_id, team_ids, roles, active FROM contacts.user_ref WHERE user_id = ANY($1::uuid[]) OR team_ids && $2::uuid[]', [
    authorIds,
    teamIds,
  ]);
  const known = new Set(users.map((user) => `${user.tenant_id}:${user.user_id}`));

  const result = new Map<string, string[]>();
  for (const row of rows) {
    const record = { ownerId: row.owner_id, teamId: row.team_id, createdBy: row.created_by, sharedWithTeam: row.shared_with_team };
    const toTeam = reminderGoesToTeam(row);
    const candidates = users.filter((user) => user.active && user.tenant_id === row.tenant_id && (user.user_id === row.author_id || (toTeam && user.team_ids.includes(row.team_id!))));
    const recipients = candidates.filter((user) => isRecordVisible(asAuthUser(user), record)).map((user) => user.user_id);
    if (!known.has(`${row.tenant_id}:${row.author_id}`)) recipients.push(row.author_id);
    result.set(row.id, [...new Set(recipients)].sort());
  }
  return result;
}

function asAuthUser(user: ProjectedUser): AuthUser {
  return { kind: 'user', id: user.user_id, tenantId: user.tenant_id, roles: user.roles ?? [], teamIds: user.team_ids, scopes: [] };
}

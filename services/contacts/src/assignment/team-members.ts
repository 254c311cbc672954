import type { EntityManager } from 'typeorm';

export interface TeamMember {
  userId: string;
  name: string;
}

/**
 * Members who can take a team's prospects, in turn order: the explicit list (kept in its order,
 * minus users who left the team or were deactivated), or else the team's active users with the
 * sales role, by name. From contacts' own user projection (contacts.user_ref).
 */
export async function eligibleMembers(em: EntityManager, tenantId: string, teamId: string, memberIds: readonly string[] | null): Promise<TeamMember[]> {
  if (memberIds) {
    if (memberIds.length === 0) return [];
    const rows: { user_id: string; name: string }[] = await em.query(
      'SELECT user_id, name FROM contacts.user_ref WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND active AND $3 = ANY(team_ids)',
      [tenantId, memberIds, teamId],
    );
    const byId = new Map(rows.map((row) => [row.user_id, row.name]));
    return memberIds.filter((id) => byId.has(id)).map((id) => ({ userId: id, name: byId.get(id)! }));
  }
  const rows: { user_id: string; name: string }[] = await em.query(
    `SELECT user_id, name FROM contacts.user_ref
      WHERE tenant_id = $1 AND active AND $2 = ANY(team_ids) AND 'sales' = ANY(coalesce(roles, '{}'))
      ORDER BY name, user_id`,
    [tenantId, teamId],
  );
  return rows.map((row) => ({ userId: row.user_id, name: row.name }));
}

import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { nextInTurn } from './round-robin-turn.js';
import { eligibleMembers, type TeamMember } from './team-members.js';

/**
 * Picks the owner of a new prospect when its team asks for round-robin. Runs in the caller's
 * transaction and locks the team's rule row, so concurrent prospects of one team take turns one
 * after another (fair: never two to the same member while another waits its turn); the lock is
 * held until the contact commits.
 */
@Injectable()
export class RoundRobinAssigner {
  private readonly log = new Logger('RoundRobinAssigner');

  /** The member whose turn it is, or null when the team has no rule, it is off, or nobody is eligible. */
  async nextOwner(em: EntityManager, tenantId: string, teamId: string): Promise<TeamMember | null> {
    const rules: { id: string; member_ids: string[] | null; last_assigned_user_id: string | null }[] = await em.query(
      'SELECT id, member_ids, last_assigned_user_id FROM contacts.assignment_rule WHERE tenant_id = $1 AND team_id = $2 AND round_robin FOR UPDATE',
      [tenantId, teamId],
    );
    const rule = rules[0];
    if (!rule) return null;
    const members = await eligibleMembers(em, tenantId, teamId, rule.member_ids);
    const next = nextInTurn(
      members.map((member) => member.userId),
      rule.last_assigned_user_id,
    );
    if (!next) {
      this.log.warn(`team ${teamId} has round-robin on but no eligible member; the prospect stays unassigned`);
      return null;
    }
    // The pointer is the system's, not an admin edit: the rule's version stays as it is.
    await em.query('UPDATE contacts.assignment_rule SET last_assigned_user_id = $1 WHERE id = $2', [next, rule.id]);
    return members.find((member) => member.userId === next)!;
  }
}

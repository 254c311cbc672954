import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestersService } from '../requesters/requesters.service.js';
import { AssignmentRule } from './assignment-rule.entity.js';

export interface PickedAgent {
  userId: string;
  via: 'round_robin' | 'least_open';
}

/**
 * Picks the agent for a team's ticket by the team's rule. The rule row is taken FOR UPDATE in
 * the caller's transaction, so concurrent tickets of one team are handed out one after the other
 * (each sees the previous one's choice and, under READ COMMITTED, its committed ticket).
 */
@Injectable()
export class AgentPicker {
  constructor(private readonly requesters: RequestersService) {}

  async pick(em: EntityManager, tenantId: string, teamId: string): Promise<PickedAgent | null> {
    const rule = await em.findOne(AssignmentRule, { where: { tenantId, teamId }, lock: { mode: 'pessimistic_write' } });
    if (!rule || !rule.active) return null;
    const agents = await this.requesters.agentIdsOf(em, tenantId, teamId);
    if (agents.length === 0) return null;
    const userId = rule.strategy === 'round_robin' ? this.nextInTurn(agents, rule.lastAssigneeId) : await this.leastOpen(em, tenantId, agents, rule.lastAssigneeId);
    await em.query('UPDATE tickets.team_assignment_rule SET last_assignee_id = $3 WHERE tenant_id = $1 AND team_id = $2', [tenantId, teamId, userId]);
    return { userId, via: rule.strategy };
  }

  /** The agent after the last one chosen, in id order (wrapping); the first when the last left the team. */
  private nextInTurn(agents: string[], last: string | null): string {
    if (!last) return agents[0];
    return agents.find((id) => id > last) ?? agents[0];
  }

  /** Fewest open (not closed) tickets; ties go in turn after the last one chosen. */
  private async leastOpen(em: EntityManager, tenantId: string, agents: string[], last: string | null): Promise<string> {
    const rows: { user_id: string; open: string }[] = await em.query(
      `SELECT a.user_id, count(t.id) AS open FROM unnest($2::uuid[]) AS a(user_id)
       LEFT JOIN tickets.ticket t ON t.tenant_id = $1 AND t.assignee_id = a.user_id AND t.status <> 'cerrado' AND t.merged_into_id IS NULL
       GROUP BY a.user_id`,
      [tenantId, agents],
    );
    const fewest = Math.min(...rows.map((row) => Number(row.open)));
    const tied = rows
      .filter((row) => Number(row.open) === fewest)
      .map((row) => row.user_id)
      .sort();
    return this.nextInTurn(tied, last);
  }
}

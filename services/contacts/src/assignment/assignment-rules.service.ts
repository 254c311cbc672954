import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { assertVersion } from '@crm/database';
import { AssignmentRule } from './assignment-rule.entity.js';
import type { PutAssignmentRuleDto } from './dto/put-assignment-rule.dto.js';
import { eligibleMembers } from './team-members.js';

export interface AssignmentRuleView {
  teamId: string;
  roundRobin: boolean;
  /** The explicit turn order, or null for "the team's active sales people". */
  memberIds: string[] | null;
  /** Who takes turns right now, in order. */
  members: { userId: string; name: string }[];
  lastAssignedUserId: string | null;
  /** 0 while the team has no rule yet. */
  version: number;
  updatedAt: string | null;
}

/** Per-team assignment rules; an admin, or a manager of that team, reads and changes them. */
@Injectable()
export class AssignmentRulesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(user: AuthUser, teamId: string): Promise<AssignmentRuleView> {
    this.assertManages(user, teamId);
    const rule = await this.dataSource.manager.findOneBy(AssignmentRule, { tenantId: user.tenantId, teamId });
    return this.view(this.dataSource.manager, user.tenantId, teamId, rule);
  }

  async put(user: AuthUser, teamId: string, dto: PutAssignmentRuleDto, version: number | undefined): Promise<AssignmentRuleView> {
    this.assertManages(user, teamId);
    return this.dataSource.transaction(async (em) => {
      const memberIds = dto.memberIds ?? null;
      if (memberIds) await this.assertMembers(em, user.tenantId, teamId, memberIds);
      let rule = await em
        .createQueryBuilder(AssignmentRule, 'r')
        .where('r.tenant_id = :tenantId AND r.team_id = :teamId', { tenantId: user.tenantId, teamId })
        .setLock('pessimistic_write')
        .getOne();
      if (rule) {
        if (version === undefined) throw Problems.versionRequired();
        assertVersion(rule, version);
        rule.roundRobin = dto.roundRobin;
        rule.memberIds = memberIds;
        rule.updatedBy = user.id;
      } else {
        rule = em.create(AssignmentRule, { tenantId: user.tenantId, teamId, roundRobin: dto.roundRobin, memberIds, lastAssignedUserId: null, updatedBy: user.id });
      }
      await em.save(rule);
      return this.view(em, user.tenantId, teamId, rule);
    });
  }

  /** Admins (and tenant-wide API keys) manage every team; a manager only the teams they belong to. */
  private assertManages(user: AuthUser, teamId: string): void {
    if (user.kind === 'api-key' || hasRole(user, 'admin')) return;
    if (hasRole(user, 'manager') && user.teamIds.includes(teamId)) return;
    throw Problems.forbidden('Solo un administrador o un gerente del equipo puede ver o cambiar sus reglas de asignación.');
  }

  private async assertMembers(em: EntityManager, tenantId: string, teamId: string, memberIds: readonly string[]): Promise<void> {
    const members = await eligibleMembers(em, tenantId, teamId, memberIds);
    const known = new Set(members.map((member) => member.userId));
    const refused = memberIds.filter((id) => !known.has(id));
    if (refused.length > 0) {
      throw Problems.invalid([{ field: 'memberIds', message: `No son usuarios activos de este equipo: ${refused.join(', ')}.` }]);
    }
  }

  private async view(em: EntityManager, tenantId: string, teamId: string, rule: AssignmentRule | null): Promise<AssignmentRuleView> {
    const members = await eligibleMembers(em, tenantId, teamId, rule?.memberIds ?? null);
    return {
      teamId,
      roundRobin: rule?.roundRobin ?? false,
      memberIds: rule?.memberIds ?? null,
      members,
      lastAssignedUserId: rule?.lastAssignedUserId ?? null,
      version: rule?.version ?? 0,
      updatedAt: rule?.updatedAt.toISOString() ?? null,
    };
  }
}

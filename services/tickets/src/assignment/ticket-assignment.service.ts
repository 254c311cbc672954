import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, hasRole, visibilityLevel, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { TICKETS_TICKET_ASSIGNED, type TicketAssignedData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { RequestersService } from '../requesters/requesters.service.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { TicketHistoryService, type HistoryView } from '../tickets/ticket-history.service.js';
import { TicketViews } from '../tickets/ticket-views.service.js';
import type { TicketView } from '../tickets/ticket.view.js';
import { AgentPicker } from './agent-picker.service.js';
import { AssignmentRule, type AssignmentStrategy } from './assignment-rule.entity.js';
import type { AssignTicketDto } from './dto/assign-ticket.dto.js';

export interface AssignmentRuleView {
  teamId: string;
  strategy: AssignmentStrategy;
  active: boolean;
  lastAssigneeId: string | null;
  version: number;
}

/**
 * Who works a ticket: manual assignment, or the team's rule (round robin / fewest open tickets),
 * recorded in the history (who, when, from, to) with a tickets.ticket.assigned event.
 */
@Injectable()
export class TicketAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly requesters: RequestersService,
    private readonly picker: AgentPicker,
    private readonly history: TicketHistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly views: TicketViews,
  ) {}

  async assign(user: AuthUser, id: string, dto: Omit<AssignTicketDto, 'version'>, version: number): Promise<TicketView> {
    if (!canWrite(user)) throw Problems.forbidden();
    if (dto.auto && dto.assigneeId) throw Problems.invalid([{ field: 'auto', message: 'Envíe assigneeId o auto, no ambos.' }]);
    if (!dto.auto && !dto.assigneeId) throw Problems.invalid([{ field: 'assigneeId', message: 'Indique el agente (assigneeId) o auto: true.' }]);
    if (dto.teamId && visibilityLevel(user) !== 'all' && !user.teamIds.includes(dto.teamId) && !hasRole(user, 'manager')) {
      throw Problems.invalid([{ field: 'teamId', message: 'Solo puede pasar la PQR a un equipo al que pertenece.' }]);
    }
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.access.findVisible(user, id, em, true);
      assertVersion(ticket, version);
      const teamId = dto.teamId ?? ticket.teamId;
      let assigneeId: string;
      let via: 'manual' | AssignmentStrategy = 'manual';
      if (dto.assigneeId) {
        const agent = await this.requesters.user(em, user.tenantId, dto.assigneeId);
        if (!agent || !agent.active) throw Problems.invalid([{ field: 'assigneeId', message: 'El usuario no existe o está inactivo.' }]);
        if (dto.teamId && !agent.teamIds.includes(dto.teamId)) throw Problems.invalid([{ field: 'assigneeId', message: 'El agente no pertenece a ese equipo.' }]);
        assigneeId = agent.userId;
      } else {
        if (!teamId) throw Problems.invalid([{ field: 'teamId', message: 'La PQR no tiene equipo: indique teamId para la asignación automática.' }]);
        const picked = await this.picker.pick(em, user.tenantId, teamId);
        if (!picked) throw Problems.invalid([{ field: 'auto', message: 'El equipo no tiene una regla de asignación activa ni agentes disponibles.' }]);
        assigneeId = picked.userId;
        via = picked.via;
      }
      if (assigneeId === ticket.assigneeId && teamId === ticket.teamId) throw Problems.conflict('La PQR ya está asignada a ese agente.');
      const previousAssigneeId = ticket.assigneeId;
      const previousTeamId = ticket.teamId;
      ticket.assigneeId = assigneeId;
      ticket.teamId = teamId;
      ticket.updatedBy = user.id;
      await em.save(ticket);
      const now = new Date();
      await this.history.record(em, {
        tenantId: user.tenantId,
        ticketId: ticket.id,
        kind: 'assigned',
        actorId: user.id,
        details: { from: previousAssigneeId, to: assigneeId, fromTeam: previousTeamId, toTeam: teamId, via },
      });
      const clock = await this.events.clockOf(em, ticket);
      const data: TicketAssignedData = { ...this.events.base(ticket, clock), assigneeId, previousAssigneeId, assignedBy: user.id, assignedAt: now.toISOString() };
      await this.events.publish(em, ticket, TICKETS_TICKET_ASSIGNED, data);
      return this.views.one(ticket, em);
    });
  }

  /** Reassignment history: who assigned, when, from whom to whom (and teams), oldest first. */
  async assignments(user: AuthUser, id: string): Promise<{ items: HistoryView[] }> {
    const ticket = await this.access.findReadable(user, id);
    return { items: await this.history.list(this.dataSource.manager, user.tenantId, ticket.id, 'assigned') };
  }

  async rules(user: AuthUser): Promise<{ items: AssignmentRuleView[] }> {
    const rows = await this.dataSource.manager.find(AssignmentRule, { where: { tenantId: user.tenantId }, order: { teamId: 'ASC' } });
    return { items: rows.map(toRuleView) };
  }

  /** Admins set any team's rule; managers their own teams'. */
  async putRule(user: AuthUser, teamId: string, strategy: AssignmentStrategy, active: boolean): Promise<AssignmentRuleView> {
    if (!hasRole(user, 'admin') && !(hasRole(user, 'manager') && user.teamIds.includes(teamId))) throw Problems.forbidden('Solo un administrador o un gerente del equipo define su regla.');
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO tickets.team_assignment_rule (tenant_id, team_id, strategy, active) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, team_id) DO UPDATE SET strategy = EXCLUDED.strategy, active = EXCLUDED.active,
           version = tickets.team_assignment_rule.version + 1, updated_at = now()`,
        [user.tenantId, teamId, strategy, active],
      );
      return toRuleView(await em.findOneByOrFail(AssignmentRule, { tenantId: user.tenantId, teamId }));
    });
  }
}

function toRuleView(rule: AssignmentRule): AssignmentRuleView {
  return { teamId: rule.teamId, strategy: rule.strategy, active: rule.active, lastAssigneeId: rule.lastAssigneeId, version: rule.version };
}

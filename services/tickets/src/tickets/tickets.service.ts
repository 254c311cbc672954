import { randomUUID } from 'node:crypto';
import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, type FieldError } from '@crm/common';
import { TICKETS_TICKET_ASSIGNED, TICKETS_TICKET_CREATED, type TicketAssignedData, type TicketCreatedData } from '@crm/contracts';
import { AgentPicker } from '../assignment/agent-picker.service.js';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import { trackingTokenHash, trackingTokenOf, type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { RequestersService } from '../requesters/requesters.service.js';
import { CreationWrites } from './creation-writes.js';
import { RadicadoService, provisionalRadicado, type RadicadoTarget } from './radicado.service.js';
import { ticketInsertPart } from './ticket-insert.js';
import { TicketClocks, clockTicketOf, type ClockFigures } from './ticket-clocks.port.js';
import { TicketEventsPublisher } from './ticket-events.publisher.js';
import type { PqrClass, TicketChannel, TicketPriority } from './ticket-vocabulary.js';
import { Ticket } from './ticket.entity.js';

/** What a ticket is created from: the staff form (POST /tickets) or the public filing page. */
export interface CreateTicketInput {
  pqrClass: PqrClass;
  categoryId?: string;
  priority?: TicketPriority;
  channel?: TicketChannel;
  subject: string;
  description: string;
  contactId?: string;
  requester?: { name: string; documentType?: string; documentNumber?: string; email?: string; phone?: string; language?: 'es' | 'en' };
  assigneeId?: string;
  teamId?: string;
  tags?: string[];
  receivedAt?: string;
  /** Public filing only (no user): the tenant the form belongs to. */
  tenantId?: string;
  /** Channel e-mail: the Message-ID of the e-mail that opened it (in the created event; the acuse answers it). */
  emailMessageId?: string;
}

/**
 * Work of the caller's that belongs inside the creation, before the radicado is assigned (so it
 * does not run under the counter's lock). The ticket row is not written yet: rows that refer to
 * it (its files, an e-mail's log row) go into `writes`, which the radicado's statement writes with
 * the ticket.
 */
export type BeforeRadicado = (ticket: Ticket, writes: CreationWrites) => Promise<void> | void;

type HistoryToWrite = RadicadoTarget['history'][number];

/** Clock skew tolerated on a receivedAt sent by a client (its clock may be slightly ahead). */
const FUTURE_TOLERANCE_MS = 60_000;

@Injectable()
export class TicketsService {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly radicados: RadicadoService,
    private readonly categories: TicketCategoriesService,
    private readonly requesters: RequestersService,
    private readonly agents: AgentPicker,
    private readonly events: TicketEventsPublisher,
    private readonly clocks: TicketClocks,
  ) {}

  /**
   * Creates a ticket in the caller's transaction: radicado, requester, assignment (explicit or by
   * the team's rule), clocks, history and the created (and assigned) events. `user` null is the
   * public filing page: the tenant comes from `input.tenantId`, channel defaults to web, nobody
   * owns it, and the team (and its rule) come from the input. The radicado is assigned last.
   */
  async create(em: EntityManager, user: AuthUser | null, input: CreateTicketInput, beforeRadicado?: BeforeRadicado): Promise<Ticket> {
    return (await this.createWithClock(em, user, input, beforeRadicado)).ticket;
  }

  /**
   * {@link create}, also answering the new ticket's clock figures (the legal due date of the acuse
   * de recibo) without reading them back.
   */
  async createWithClock(em: EntityManager, user: AuthUser | null, input: CreateTicketInput, beforeRadicado?: BeforeRadicado): Promise<{ ticket: Ticket; clock: ClockFigures }> {
    if (user && !canWrite(user)) throw Problems.forbidden();
    const tenantId = user?.tenantId ?? input.tenantId;
    if (!tenantId) throw new Error('TicketsService.create without a user needs input.tenantId');
    const now = new Date();
    const writes = new CreationWrites();
    const { ticket, clock, outbox, history } = await this.createInTenant(em, tenantId, user, user ? input : { ...input, channel: input.channel ?? 'web' }, now, writes);
    if (beforeRadicado) await beforeRadicado(ticket, writes);
    // Last: one statement writes the ticket with its number and everything else; the counter's row
    // lock is held from there to the commit only (see RadicadoService).
    const radicado = await this.radicados.assign(em, { tenantId, ticketId: ticket.id, ticketRow: ticketInsertPart(em, ticket), at: now, outbox, history, writes });
    ticket.radicado = radicado;
    return { ticket, clock };
  }

  /**
   * The ticket, its clocks and its created (and assigned) events, with the provisional radicado,
   * prepared for the radicado's statement to write (no statement here when the tenant's settings
   * are cached and there is no team to pick an agent from).
   */
  private async createInTenant(
    em: EntityManager,
    tenantId: string,
    user: AuthUser | null,
    input: CreateTicketInput,
    now: Date,
    writes: CreationWrites,
  ): Promise<{ ticket: Ticket; clock: ClockFigures; outbox: RadicadoTarget['outbox']; history: HistoryToWrite[] }> {
    const receivedAt = this.receivedAt(input.receivedAt, now);
    const requester = await this.requester(em, tenantId, input);
    if (input.categoryId) await this.categories.assertSelectable(em, tenantId, input.categoryId);
    const teamId = input.teamId ?? user?.teamIds[0] ?? null;
    if (input.assigneeId) await this.assertAssignable(em, tenantId, input.assigneeId, 'assigneeId');

    // Picked before the insert so the row is written once (version 1, as the caller sees it).
    let assigneeId = input.assigneeId ?? null;
    let via: 'manual' | 'round_robin' | 'least_open' | null = assigneeId ? 'manual' : null;
    if (!assigneeId && teamId) {
      const picked = await this.agents.pick(em, tenantId, teamId);
      if (picked) ({ userId: assigneeId, via } = picked);
    }
    const id = randomUUID();
    const radicado = provisionalRadicado(id);
    const trackingToken = trackingTokenOf(this.config, tenantId, id);
    const ticket = em.create(Ticket, {
      id,
      tenantId,
      radicado,
      pqrClass: input.pqrClass,
      categoryId: input.categoryId ?? null,
      priority: input.priority ?? 'media',
      status: 'abierto',
      channel: input.channel ?? 'web',
      subject: input.subject.trim(),
      description: input.description,
      ...requester,
      ownerId: user?.kind === 'user' ? user.id : null,
      assigneeId,
      teamId,
      tags: input.tags ?? [],
      receivedAt,
      firstRespondedAt: null,
      closedAt: null,
      closedBy: null,
      resolution: null,
      trackingTokenHash: trackingTokenHash(trackingToken),
      mergedIntoId: null,
      createdBy: user?.id ?? null,
      updatedBy: user?.id ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });

    const actorId = user?.id ?? null;
    const clock = await this.clocks.start(em, clockTicketOf(ticket), writes);
    const history: HistoryToWrite[] = [{ kind: 'created', actorId, details: { radicado, channel: ticket.channel, receivedAt: receivedAt.toISOString() } }];
    const events: { type: string; data: TicketCreatedData | TicketAssignedData }[] = [
      {
        type: TICKETS_TICKET_CREATED,
        data: {
          ...this.events.base(ticket, clock),
          receivedAt: receivedAt.toISOString(),
          createdBy: actorId,
          requester: this.events.requester(ticket, true),
          trackingUrl: this.events.trackingUrl(ticket, trackingToken),
          ...(input.emailMessageId ? { emailMessageId: input.emailMessageId } : {}),
        },
      },
    ];
    if (ticket.assigneeId && via) {
      history.push({ kind: 'assigned', actorId, details: { from: null, to: ticket.assigneeId, fromTeam: null, toTeam: teamId, via } });
      events.push({
        type: TICKETS_TICKET_ASSIGNED,
        data: {
          ...this.events.base(ticket, clock),
          assigneeId: ticket.assigneeId,
          previousAssigneeId: null,
          assignedBy: via === 'manual' ? actorId : null,
          assignedAt: now.toISOString(),
        },
      });
    }
    return { ticket, clock, outbox: this.events.prepareAll(ticket, events), history };
  }

  /** Defaults to now; a past reception time is what staff typed from the paper; never the future. */
  private receivedAt(raw: string | undefined, now: Date): Date {
    if (raw === undefined) return now;
    const at = new Date(raw);
    if (Number.isNaN(at.getTime())) throw Problems.invalid([{ field: 'receivedAt', message: 'Fecha y hora inválidas.' }]);
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw Problems.invalid([{ field: 'receivedAt', message: 'La fecha de recepción no puede estar en el futuro.' }]);
    return at.getTime() > now.getTime() ? now : at;
  }

  /** The requester's columns: copied from a known contact, or the person as typed. */
  private async requester(em: EntityManager, tenantId: string, input: CreateTicketInput): Promise<Partial<Ticket>> {
    const errors: FieldError[] = [];
    if (input.contactId && input.requester) errors.push({ field: 'requester', message: 'Envíe contactId o requester, no ambos.' });
    if (!input.contactId && !input.requester) errors.push({ field: 'requester', message: 'Indique el solicitante: contactId o requester (nombre y datos).' });
    if (errors.length) throw Problems.invalid(errors);
    if (input.contactId) {
      const contact = await this.requesters.contact(em, tenantId, input.contactId);
      if (!contact || contact.anonymizedAt) throw Problems.invalid([{ field: 'contactId', message: 'El contacto no existe en su organización.' }]);
      return {
        contactId: contact.contactId,
        requesterName: contact.displayName,
        requesterEmail: contact.email,
        requesterPhone: contact.phone,
        requesterDocumentType: null,
        requesterDocumentNumber: contact.taxId,
        requesterLanguage: input.requester?.language ?? 'es',
      };
    }
    const person = input.requester!;
    return {
      contactId: null,
      requesterName: person.name.trim(),
      requesterDocumentType: person.documentType ?? null,
      requesterDocumentNumber: person.documentNumber ?? null,
      requesterEmail: person.email?.trim().toLowerCase() ?? null,
      requesterPhone: person.phone ?? null,
      requesterLanguage: person.language ?? 'es',
    };
  }

  /** An assignee must be an active user of the tenant (known from identity's events). */
  async assertAssignable(em: EntityManager, tenantId: string, userId: string, field: string): Promise<void> {
    const assignee = await this.requesters.user(em, tenantId, userId);
    if (!assignee || !assignee.active) throw Problems.invalid([{ field, message: 'El usuario no existe o está inactivo.' }]);
  }
}

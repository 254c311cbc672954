import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseTicketMailId } from '@crm/common';
import { Ticket } from '../tickets/ticket.entity.js';
import { radicadoInSubject } from './reply-text.js';

/** The ticket an e-mail answers, or why it answers none (then it opens a new ticket). */
export type ReplyMatch = { ticket: Ticket; via: 'message_id' | 'subject_radicado' } | { ticket: null; reason: string | null };

const MAX_MERGE_HOPS = 5;

/**
 * Is an e-mail a reply to a ticket? First by its In-Reply-To/References (a Message-ID we signed
 * names the ticket), then by a radicado in its subject. Only a ticket of the tenant the mail was
 * sent to counts (another company's radicado, or a forged id, is not found), and only when the
 * sender is the ticket's requester: anybody else who writes about it opens a new ticket (their
 * mail is not lost, and nobody can slip text into a conversation they are not part of). A closed
 * ticket is not reopened by mail: the answer opens a new one. A ticket merged into another
 * answers on the surviving one.
 */
@Injectable()
export class ReplyMatcher {
  async match(em: EntityManager, tenantId: string, mail: { answers: readonly string[]; subject: string; fromAddress: string | null }, secret: string): Promise<ReplyMatch> {
    let ticket: Ticket | null = null;
    let via: 'message_id' | 'subject_radicado' = 'message_id';
    const referenced = mail.answers.map((id) => parseTicketMailId(secret, id)?.ticketId).filter((id): id is string => Boolean(id));
    for (const id of new Set(referenced)) {
      ticket = await em.findOne(Ticket, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (ticket) break;
    }
    const radicado = radicadoInSubject(mail.subject);
    if (!ticket && radicado) {
      ticket = await em.findOne(Ticket, { where: { radicado, tenantId }, lock: { mode: 'pessimistic_write' } });
      via = 'subject_radicado';
    }
    if (!ticket) return { ticket: null, reason: referenced.length > 0 || radicado ? 'thread_not_found' : null };
    for (let hop = 0; ticket.mergedIntoId && hop < MAX_MERGE_HOPS; hop++) {
      const survivor: Ticket | null = await em.findOne(Ticket, { where: { id: ticket.mergedIntoId, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!survivor) break;
      ticket = survivor;
    }
    if (!ticket.requesterEmail || ticket.requesterEmail.toLowerCase() !== mail.fromAddress) return { ticket: null, reason: 'sender_not_requester' };
    if (ticket.status === 'cerrado') return { ticket: null, reason: 'ticket_closed' };
    return { ticket, via };
  }
}

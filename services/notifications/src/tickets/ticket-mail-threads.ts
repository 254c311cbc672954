import { mailDomainOf, ticketMailId, ticketMailIdSecret } from '@crm/common';

/** The threading headers of one ticket e-mail (see PendingEmail.threading). */
export interface TicketMailThreading {
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

/**
 * Message-IDs of the e-mails to a requester, so their mail client shows one thread per PQR and
 * the tickets e-mail channel can tell a reply (and its ticket) from new mail, and its own mail
 * coming back from a loop. The acuse de recibo is the thread's root (`<t.<ticketId>.<mac>@…>`)
 * and answers the requester's own e-mail when the PQR came by e-mail; every later e-mail gets
 * `<t.<ticketId>.<event id>.<mac>@…>` and answers the root.
 */
export class TicketMailThreads {
  constructor(
    private readonly secret: string,
    private readonly domain: string,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv, mailFrom: string | undefined): TicketMailThreads {
    return new TicketMailThreads(ticketMailIdSecret(env), mailDomainOf(mailFrom));
  }

  root(ticketId: string, answering?: string | null): TicketMailThreading {
    const messageId = ticketMailId(this.secret, ticketId, this.domain);
    const original = answering && /^<[^<>\s]+>$/.test(answering) ? answering : undefined;
    return original ? { messageId, inReplyTo: original, references: [original] } : { messageId };
  }

  followUp(ticketId: string, eventId: string): TicketMailThreading {
    const root = ticketMailId(this.secret, ticketId, this.domain);
    return { messageId: ticketMailId(this.secret, ticketId, this.domain, eventId), inReplyTo: root, references: [root] };
  }
}

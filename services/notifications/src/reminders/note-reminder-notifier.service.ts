import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, NoteReminderDueData } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { UserNotKnownYetError } from '../assignments/user-not-known-yet.error.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { contactUrl } from '../templates/new-contact-agent.template.js';
import { noteReminderSummary, noteReminderTemplate, type NoteReminderVars } from '../templates/note-reminder.template.js';
import type { UserProjection } from '../users/user-projection.entity.js';
import { UserProjectionService } from '../users/user-projection.service.js';

export const NOTE_REMINDER_NOTIFICATION_TYPE = 'contact.note_reminder';

/** Who is reminded, decided inside the event's inbox transaction. */
@Injectable()
export class NoteReminderNotifier {
  private readonly timeZone: string;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {
    this.timeZone = config.MAIL_TIME_ZONE ?? 'America/Bogota';
    // Fail at start, naming the variable, rather than on the first reminder.
    try {
      new Intl.DateTimeFormat('es', { timeZone: this.timeZone });
    } catch {
      throw new Error(`MAIL_TIME_ZONE must be an IANA time zone such as America/Bogota (got "${this.timeZone}")`);
    }
  }

  /**
   * Records one e-mail (pending) and one in-app notification per recipient: the people contacts
   * named in `recipientIds` (those who can see the contact: contacts applies the visibility
   * rule), or the author alone for an event that predates that field. Returns how many people
   * are reminded. Throws UserNotKnownYetError when the author is to be reminded but is not
   * projected yet, so the event is retried; other unknown or inactive users are skipped.
   */
  async record(em: EntityManager, event: CloudEvent<NoteReminderDueData>): Promise<number> {
    const { data } = event;
    const tenantId = event.tenantid;
    const author = await this.users.find(em, tenantId, data.authorId);
    // Defence in depth: a private note reminds its author only, whatever the event says.
    const teamId = data.audience === 'team' && data.visibility === 'shared' ? data.teamId : null;
    const named = data.recipientIds ?? [data.authorId];
    const ids = data.visibility === 'shared' ? named : named.filter((id) => id === data.authorId);
    const recipients: UserProjection[] = [];
    for (const id of new Set(ids)) {
      const user = id === data.authorId ? author : await this.users.find(em, tenantId, id);
      if (!user && id === data.authorId) throw new UserNotKnownYetError(tenantId, data.authorId);
      if (user?.active) recipients.push(user);
    }

    for (const recipient of recipients) {
      const vars: NoteReminderVars = {
        recipientName: recipient.name,
        contactName: data.contactName,
        contactUrl: contactUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', data.contactId),
        remindAt: data.remindAt,
        timeZone: this.timeZone,
        excerpt: data.visibility === 'shared' ? (data.excerpt ?? null) : null,
        authorName: author?.name ?? null,
        asTeamMember: recipient.userId !== data.authorId,
      };
      const mail = noteReminderTemplate.render(recipient.locale, vars);
      await this.recipients.notify(em, {
        tenantId,
        messageId: event.id,
        recipient: { userId: recipient.userId, email: recipient.email },
        template: noteReminderTemplate.id,
        mail,
        inApp: {
          type: NOTE_REMINDER_NOTIFICATION_TYPE,
          body: noteReminderSummary(recipient.locale, vars),
          link: `/contacts/${encodeURIComponent(data.contactId)}`,
          data: { contactId: data.contactId, noteId: data.noteId, contactName: data.contactName, remindAt: data.remindAt, audience: teamId === null ? 'author' : 'team' },
        },
      });
    }
    return recipients.length;
  }
}

import type { FieldError } from '@crm/common';
import type { NoteReminderAudience, NoteVisibility } from '@crm/contracts';

/** A reminder date this far in the past is still accepted (clock skew, slow clients). */
export const REMIND_AT_PAST_TOLERANCE_MS = 60_000;

export interface ReminderInput {
  visibility?: NoteVisibility;
  /** undefined: keep; null: remove; string: (re)schedule. */
  remindAt?: string | null;
  remindAudience?: NoteReminderAudience;
}

export interface ReminderState {
  visibility: NoteVisibility;
  remindAt: Date | null;
  remindAudience: NoteReminderAudience | null;
}

export interface ReminderPlan {
  visibility: NoteVisibility;
  remindAt: Date | null;
  remindAudience: NoteReminderAudience | null;
  /** The date changed: a reminder already sent for the old date is owed again. */
  rescheduled: boolean;
}

/**
 * The note's visibility and reminder after a create (current = null) or an edit, or the field
 * errors that make it a 400. Rules: a reminder needs a date not in the past; its audience
 * defaults to the author; a private note reminds its author only; a team reminder needs the
 * contact to have a team.
 */
export function planReminder(input: ReminderInput, current: ReminderState | null, context: { now: Date; contactTeamId: string | null }): { plan: ReminderPlan; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const visibility = input.visibility ?? current?.visibility ?? 'shared';
  let remindAt = current?.remindAt ?? null;
  if (input.remindAt === null) remindAt = null;
  else if (input.remindAt !== undefined) {
    remindAt = new Date(input.remindAt);
    if (remindAt.getTime() < context.now.getTime() - REMIND_AT_PAST_TOLERANCE_MS) {
      errors.push({ field: 'remindAt', message: 'La fecha de aviso no puede estar en el pasado.' });
    }
  }
  let remindAudience: NoteReminderAudience | null = null;
  if (remindAt === null) {
    if (input.remindAudience !== undefined) errors.push({ field: 'remindAudience', message: 'Indique remindAt (fecha de aviso) para elegir a quién avisar.' });
  } else {
    remindAudience = input.remindAudience ?? current?.remindAudience ?? 'author';
  }
  if (remindAudience === 'team' && visibility === 'private') {
    errors.push({ field: 'remindAudience', message: 'Una nota privada solo puede recordarse a su autor (remindAudience=author).' });
  } else if (input.remindAudience === 'team' && context.contactTeamId === null) {
    errors.push({ field: 'remindAudience', message: 'El contacto no tiene equipo: use remindAudience=author.' });
  }
  const rescheduled = (current?.remindAt?.getTime() ?? null) !== (remindAt?.getTime() ?? null);
  return { plan: { visibility, remindAt, remindAudience, rescheduled }, errors };
}

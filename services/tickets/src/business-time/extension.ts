import { classifyDay, endOfLocalDay, isLocalDate, localDateOf, type BusinessCalendarRules, type LocalDate } from '@crm/business-calendar';
import { scheduleFromDate, type Suspension } from './legal-term.js';

export interface ExtensionRequest {
  receivedAt: Date;
  /** The original term of the petition's class. */
  termDays: number;
  calendar: BusinessCalendarRules;
  suspensions: readonly Suspension[];
  /** The due instant in force now (original or already extended). */
  currentDueAt: Date | null;
  now: Date;
  newDate: LocalDate;
}

export type ExtensionRefusal =
  | { ok: false; code: 'suspended' }
  | { ok: false; code: 'past_due'; currentDueAt: Date }
  | { ok: false; code: 'invalid_date' }
  | { ok: false; code: 'not_later'; currentDueDate: LocalDate }
  | { ok: false; code: 'not_business_day'; date: LocalDate }
  | { ok: false; code: 'beyond_double'; maxDueDate: LocalDate; maxDueAt: Date; maxTermDays: number };

export type ExtensionDecision = { ok: true; extendedTermDays: number; newDueAt: Date } | ExtensionRefusal;

/**
 * Art. 14 parágrafo Ley 1755: when the answer cannot be given in time the entity tells the
 * petitioner, BEFORE the term expires, the reasons and a new date, which "no podrá exceder del
 * doble del inicialmente previsto": at most 2 × the original term, counted from the same start
 * (the business day after receipt, skipping the same suspensions). The new date is a business
 * day after the current due date; the ticket becomes due at its end. The result is stored as a
 * number of business days (the extended term) so later suspensions and calendar edits move it
 * the way they move the original.
 */
export function decideExtension(request: ExtensionRequest): ExtensionDecision {
  const { calendar, newDate } = request;
  if (request.currentDueAt === null) return { ok: false, code: 'suspended' };
  if (request.now.getTime() > request.currentDueAt.getTime()) return { ok: false, code: 'past_due', currentDueAt: request.currentDueAt };
  if (!isLocalDate(newDate)) return { ok: false, code: 'invalid_date' };
  const currentDueDate = localDateOf(request.currentDueAt, calendar.timeZone);
  if (newDate <= currentDueDate) return { ok: false, code: 'not_later', currentDueDate };
  const maxTermDays = request.termDays * 2;
  const limit = scheduleFromDate(localDateOf(request.receivedAt, calendar.timeZone), maxTermDays, calendar, request.suspensions);
  if (limit.dueDate === null || limit.dueAt === null) return { ok: false, code: 'suspended' };
  if (newDate > limit.dueDate) return { ok: false, code: 'beyond_double', maxDueDate: limit.dueDate, maxDueAt: limit.dueAt, maxTermDays };
  const position = limit.countedDays.indexOf(newDate);
  if (position < 0 || !classifyDay(newDate, calendar).legalBusinessDay) return { ok: false, code: 'not_business_day', date: newDate };
  return { ok: true, extendedTermDays: position + 1, newDueAt: endOfLocalDay(newDate, calendar.timeZone) };
}

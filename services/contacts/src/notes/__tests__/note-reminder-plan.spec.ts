import { describe, expect, it } from '@jest/globals';
import { planReminder } from '../note-reminder-plan.js';

const now = new Date('2026-03-10T12:00:00Z');
const team = { now, contactTeamId: '6f1c2b9e-0d4a-4c59-9a53-3c1e2f8b7a10' };
const noTeam = { now, contactTeamId: null };
const inOneHour = '2026-03-10T13:00:00Z';

describe('planReminder', () => {
  it('defaults a new note to shared without a reminder', () => {
    expect(planReminder({}, null, team)).toEqual({ plan: { visibility: 'shared', remindAt: null, remindAudience: null, rescheduled: false }, errors: [] });
  });

  it('reminds the author by default once a date is given', () => {
    const { plan, errors } = planReminder({ remindAt: inOneHour }, null, team);
    expect(errors).toEqual([]);
    expect(plan).toMatchObject({ remindAt: new Date(inOneHour), remindAudience: 'author', rescheduled: true });
  });

  it('refuses a team reminder on a private note, naming remindAudience', () => {
    const { errors } = planReminder({ visibility: 'private', remindAt: inOneHour, remindAudience: 'team' }, null, team);
    expect(errors).toEqual([{ field: 'remindAudience', message: expect.stringContaining('privada') }]);
  });

  it('refuses making a note private while it still reminds the team', () => {
    const current = { visibility: 'shared' as const, remindAt: new Date(inOneHour), remindAudience: 'team' as const };
    expect(planReminder({ visibility: 'private' }, current, team).errors).toHaveLength(1);
    expect(planReminder({ visibility: 'private', remindAudience: 'author' }, current, team).errors).toEqual([]);
    expect(planReminder({ visibility: 'private', remindAt: null }, current, team).errors).toEqual([]);
  });

  it('refuses a team reminder for a contact without a team, and an audience without a date', () => {
    expect(planReminder({ remindAt: inOneHour, remindAudience: 'team' }, null, noTeam).errors[0]?.field).toBe('remindAudience');
    expect(planReminder({ remindAudience: 'author' }, null, team).errors[0]?.field).toBe('remindAudience');
  });

  it('refuses a date in the past beyond a minute of tolerance', () => {
    expect(planReminder({ remindAt: '2026-03-10T11:59:30Z' }, null, team).errors).toEqual([]);
    expect(planReminder({ remindAt: '2026-03-10T11:00:00Z' }, null, team).errors).toEqual([{ field: 'remindAt', message: expect.any(String) }]);
  });

  it('keeps the reminder on an unrelated edit and reschedules only when the date changes', () => {
    const current = { visibility: 'shared' as const, remindAt: new Date(inOneHour), remindAudience: 'team' as const };
    expect(planReminder({}, current, noTeam).plan).toEqual({ ...current, rescheduled: false });
    expect(planReminder({ remindAt: inOneHour }, current, team).plan.rescheduled).toBe(false);
    expect(planReminder({ remindAt: '2026-03-11T09:00:00Z' }, current, team).plan.rescheduled).toBe(true);
    expect(planReminder({ remindAt: null }, current, team).plan).toEqual({ visibility: 'shared', remindAt: null, remindAudience: null, rescheduled: true });
  });
});

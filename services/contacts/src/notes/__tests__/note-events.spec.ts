import { describe, expect, it } from '@jest/globals';
import type { ContactNote } from '../contact-note.entity.js';
import { noteAddedData, noteExcerpt, noteReminderDueData, noteUpdatedData, type DueReminderRow } from '../note-events.js';

const secret = 'Cliente en mora: no ofrecer crédito. Teléfono personal del gerente 300 000 0000.';

function note(visibility: 'private' | 'shared'): ContactNote {
  return Object.assign({} as ContactNote, {
    id: '0b8f0b8e-51a3-4b53-8f7e-7f0a9c1d2e3f',
    tenantId: 'a7d7e0c4-7a0b-4c1e-9d8f-1b2c3d4e5f60',
    contactId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
    authorId: '9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a',
    body: secret,
    visibility,
    interestId: null,
    remindAt: null,
    remindAudience: null,
    reminderSentAt: null,
    updatedBy: '9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a',
    version: 1,
    createdAt: new Date('2026-03-10T12:00:00Z'),
    updatedAt: new Date('2026-03-10T12:00:00Z'),
  });
}

function row(visibility: 'private' | 'shared', audience: 'author' | 'team', teamId: string | null): DueReminderRow {
  const n = note(visibility);
  return {
    id: n.id,
    tenant_id: n.tenantId,
    contact_id: n.contactId,
    author_id: n.authorId,
    visibility,
    body: secret,
    remind_at: new Date('2026-03-10T13:00:00Z'),
    remind_audience: audience,
    display_name: 'Ferretería El Tornillo',
    team_id: teamId,
    owner_id: n.authorId,
    created_by: n.authorId,
    shared_with_team: true,
  };
}

describe('note events', () => {
  it('never carry the text of a private note', () => {
    for (const data of [noteAddedData(note('private')), noteUpdatedData(note('private'), ['body']), noteReminderDueData(row('private', 'author', null), [])]) {
      expect(data).not.toHaveProperty('excerpt');
      expect(JSON.stringify(data)).not.toContain('mora');
    }
  });

  it('carry a one-line excerpt of a shared note, at most 200 characters', () => {
    expect(noteAddedData(note('shared')).excerpt).toBe(secret);
    const long = noteExcerpt('shared', `línea uno\n\nlínea dos ${'x'.repeat(400)}`)!;
    expect(long).toHaveLength(200);
    expect(long.startsWith('línea uno línea dos')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    expect(noteExcerpt('private', 'x')).toBeUndefined();
  });

  it('address a team reminder to the contact team, and fall back to the author when there is none', () => {
    const teamId = '11111111-2222-4333-8444-555555555555';
    expect(noteReminderDueData(row('shared', 'team', teamId), ['u1'])).toMatchObject({
      audience: 'team',
      teamId,
      recipientIds: ['u1'],
      contactName: 'Ferretería El Tornillo',
      remindAt: '2026-03-10T13:00:00.000Z',
    });
    expect(noteReminderDueData(row('shared', 'team', null), [])).toMatchObject({ audience: 'author', teamId: null });
    expect(noteReminderDueData(row('private', 'team', teamId), [])).toMatchObject({ audience: 'author', teamId: null });
  });
});

import { describe, expect, it } from '@jest/globals';
import { formatReminderDate, noteReminderSummary, noteReminderTemplate, type NoteReminderVars } from '../note-reminder.template.js';

const vars: NoteReminderVars = {
  recipientName: 'Laura Restrepo',
  contactName: 'Ferretería El Tornillo',
  contactUrl: 'https://crm.example/contacts/abc',
  remindAt: '2026-03-20T14:00:00.000Z',
  timeZone: 'America/Bogota',
  excerpt: 'Llamar para la cotización de 20 licencias',
  authorName: null,
  asTeamMember: false,
};

describe('note-reminder template', () => {
  it('reminds the author in Spanish with the contact link, the local time and the excerpt', () => {
    const mail = noteReminderTemplate.render('es', vars);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Recordatorio: Ferretería El Tornillo');
    expect(mail.text).toContain('Hola, Laura Restrepo:');
    expect(mail.text).toContain('Tiene un recordatorio sobre Ferretería El Tornillo programado para el 20 de marzo de 2026');
    expect(mail.text).toContain('9:00');
    expect(mail.text).toContain('“Llamar para la cotización de 20 licencias”');
    expect(mail.text).toContain('https://crm.example/contacts/abc');
    expect(mail.html).toContain('href="https://crm.example/contacts/abc"');
  });

  it('speaks English for locale en and names the author for team members', () => {
    const mail = noteReminderTemplate.render('en', { ...vars, asTeamMember: true, authorName: 'Carlos Ruiz' });
    expect(mail.subject).toBe('Reminder: Ferretería El Tornillo');
    expect(mail.text).toContain('Carlos Ruiz set a reminder for your team about Ferretería El Tornillo for March 20, 2026');
    expect(noteReminderSummary('en', vars)).toContain('You have a reminder about Ferretería El Tornillo');
  });

  it('says a private note is private instead of quoting it', () => {
    const mail = noteReminderTemplate.render('es', { ...vars, excerpt: null });
    expect(mail.text).toContain('La nota es privada');
    expect(mail.text).not.toContain('“');
  });

  it('escapes the contact name and the excerpt in HTML and keeps the subject on one line', () => {
    const mail = noteReminderTemplate.render('es', { ...vars, contactName: '<b>X</b>\r\nBcc: a@b.c', excerpt: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('formats the date in the configured zone', () => {
    expect(formatReminderDate('es', '2026-03-20T14:00:00.000Z', 'UTC')).toBe('20 de marzo de 2026 a las 2:00 p. m. (UTC)');
    expect(formatReminderDate('en', '2026-03-20T14:00:00.000Z', 'America/Bogota')).toMatch(/March 20, 2026 at 9:00\sAM \(America\/Bogota\)/);
  });
});

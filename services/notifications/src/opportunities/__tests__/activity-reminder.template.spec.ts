import { describe, expect, it } from '@jest/globals';
import { activityReminderSummary, activityReminderTemplate, type ActivityReminderVars } from '../activity-reminder.template.js';

// Due 2026-03-20T20:00Z: Bogotá is UTC−5 all year, so that is 3:00 p. m. on 20 March in Bogotá.
const vars: ActivityReminderVars = {
  recipientName: 'Julián Restrepo',
  type: 'visit',
  subject: 'Visita <técnica>',
  dueAt: '2026-03-20T20:00:00.000Z',
  timeZone: 'America/Bogota',
  opportunityTitle: 'Dotación sede Medellín',
  contactName: 'Lucía Mejía',
  url: 'https://crm.example.co/opportunities/9d4',
};

describe('activity-reminder e-mail', () => {
  it('is Spanish first, with the type, the opportunity, the contact and the local due time; values escaped in HTML', () => {
    const mail = activityReminderTemplate.render(null, vars);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Recordatorio de actividad: Visita <técnica>');
    expect(mail.text).toContain(
      'Tiene una visita pendiente, «Visita <técnica>» de la oportunidad «Dotación sede Medellín» con Lucía Mejía, que vence el 20 de marzo de 2026 a las 3:00 p. m. (America/Bogota).',
    );
    expect(mail.html).toContain('Visita &lt;técnica&gt;');
    expect(mail.html).not.toContain('<técnica>');
  });

  it('is English for en users, and the feed sentence matches', () => {
    const mail = activityReminderTemplate.render('en-US', { ...vars, type: 'call', opportunityTitle: null });
    expect(mail.subject).toBe('Activity reminder: Visita <técnica>');
    expect(mail.text).toMatch(/You have a pending call, "Visita <técnica>" with Lucía Mejía, due March 20, 2026 at 3:00\sPM \(America\/Bogota\)\./);
    expect(activityReminderSummary('en', { ...vars, type: 'call', opportunityTitle: null })).toBe(mail.text.split('\n')[2]);
  });
});

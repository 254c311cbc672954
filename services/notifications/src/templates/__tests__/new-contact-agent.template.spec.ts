import { describe, expect, it } from '@jest/globals';
import { templateLocale } from '../email-template.js';
import { escapeHtml, singleLine } from '../escape-html.js';
import { contactUrl, newContactAgentSummary, newContactAgentTemplate, type NewContactAgentVars } from '../new-contact-agent.template.js';

const vars: NewContactAgentVars = {
  recipientName: 'Ana Gómez',
  contactName: 'Ferretería El Tornillo',
  contactUrl: 'https://crm.example/contacts/0b5e1a9c-0000-4000-8000-000000000001',
  assignedByName: 'Carlos Ruiz',
  selfAssigned: false,
};

describe('new-contact-agent template', () => {
  it('renders Spanish by default, with who assigned it and the link', () => {
    const mail = newContactAgentTemplate.render(undefined, vars);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Nuevo contacto asignado: Ferretería El Tornillo');
    expect(mail.text).toContain('Hola, Ana Gómez:');
    expect(mail.text).toContain('Carlos Ruiz le asignó un nuevo contacto: Ferretería El Tornillo.');
    expect(mail.text).toContain(vars.contactUrl);
    expect(mail.html).toContain('<html lang="es">');
    expect(mail.html).toContain(`href="${vars.contactUrl}"`);
    expect(mail.html).toContain('Ver contacto');
  });

  it('renders English when the locale is en', () => {
    const mail = newContactAgentTemplate.render('en', vars);
    expect(mail.locale).toBe('en');
    expect(mail.subject).toBe('New contact assigned: Ferretería El Tornillo');
    expect(mail.text).toContain('Hi Ana Gómez,');
    expect(mail.text).toContain('Carlos Ruiz assigned you a new contact: Ferretería El Tornillo.');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('View contact');
  });

  it('falls back to Spanish for an unknown locale', () => {
    expect(newContactAgentTemplate.render('fr', vars).locale).toBe('es');
    expect(templateLocale('en-US')).toBe('en');
    expect(templateLocale(null)).toBe('es');
  });

  it('escapes every value in the HTML part', () => {
    const hostile: NewContactAgentVars = {
      ...vars,
      recipientName: '<img src=x onerror=alert(1)>',
      contactName: '<script>alert("x")</script> & Cía',
      assignedByName: 'O\'Brien "Boss"',
      contactUrl: 'https://crm.example/contacts/1?a=1&b="2"',
    };
    for (const locale of ['es', 'en']) {
      const mail = newContactAgentTemplate.render(locale, hostile);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cía');
      expect(mail.html).toContain('O&#39;Brien &quot;Boss&quot;');
      expect(mail.html).toContain('href="https://crm.example/contacts/1?a=1&amp;b=&quot;2&quot;"');
      // The plain-text part is not HTML: it shows the name as typed.
      expect(mail.text).toContain('<script>alert("x")</script> & Cía');
    }
  });

  it('keeps the subject on one line', () => {
    const mail = newContactAgentTemplate.render('es', { ...vars, contactName: 'Malicioso\r\nBcc: otro@example.com' });
    expect(mail.subject).toBe('Nuevo contacto asignado: Malicioso Bcc: otro@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('words the lead for self-assignment and for an unknown assigner', () => {
    expect(newContactAgentTemplate.render('es', { ...vars, selfAssigned: true }).text).toContain('Usted se asignó un nuevo contacto');
    expect(newContactAgentTemplate.render('es', { ...vars, assignedByName: null }).text).toContain('Se le asignó un nuevo contacto: Ferretería El Tornillo.');
    expect(newContactAgentSummary('en', { ...vars, assignedByName: null })).toBe('A new contact was assigned to you: Ferretería El Tornillo.');
  });
});

describe('helpers', () => {
  it('builds the contact link under the app base URL', () => {
    expect(contactUrl('https://crm.example/', 'abc')).toBe('https://crm.example/contacts/abc');
    expect(contactUrl('https://crm.example/app', 'a/b')).toBe('https://crm.example/app/contacts/a%2Fb');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });

  it('shortens long subjects', () => {
    expect(singleLine('x'.repeat(300)).length).toBe(200);
  });
});

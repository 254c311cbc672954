import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { startSmtpServer, type RunningSmtpServer } from '@crm/testing';

describe('startSmtpServer', () => {
  let smtp: RunningSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });

  afterAll(async () => {
    await smtp.stop();
  });

  beforeEach(() => smtp.clear());

  it('listens on loopback and receives what nodemailer sends, decoded', async () => {
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    const transport = nodemailer.createTransport(smtp.url);
    const info = await transport.sendMail({
      from: '"CRM Ventas" <crm@demo.test>',
      to: 'Ana Gómez <ana@demo.test>',
      cc: 'lider@demo.test',
      bcc: 'auditoria@demo.test',
      subject: 'Nuevo contacto asignado: José Pérez',
      text: 'Se te asignó el contacto José Pérez (fuente de captación: feria).',
      html: '<p>Se te asignó el contacto <b>José Pérez</b>.</p>',
      headers: { 'X-Correlation-Id': 'req-123' },
      attachments: [{ filename: 'cotización.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' }],
    });
    transport.close();

    const [mail] = await smtp.waitForMessages((m) => m.subject.startsWith('Nuevo contacto'));
    expect(mail.subject).toBe('Nuevo contacto asignado: José Pérez');
    expect(mail.from).toBe('"CRM Ventas" <crm@demo.test>');
    expect(mail.to).toEqual(['ana@demo.test', 'lider@demo.test', 'auditoria@demo.test']);
    expect(mail.headerTo).toEqual(['ana@demo.test']);
    expect(mail.headerCc).toEqual(['lider@demo.test']);
    expect(mail.envelopeFrom).toBe('crm@demo.test');
    expect(mail.text).toBe('Se te asignó el contacto José Pérez (fuente de captación: feria).');
    expect(mail.html).toContain('<b>José Pérez</b>');
    expect(mail.messageId).toBe(info.messageId);
    expect(mail.headers['x-correlation-id']).toBe('req-123');
    expect(mail.headers.subject).toBe('Nuevo contacto asignado: José Pérez');
    expect(mail.attachments).toEqual([{ fileName: 'cotización.pdf', contentType: 'application/pdf', size: 15 }]);
    expect(mail.raw).toMatch(/^X-Correlation-Id: req-123\r$/im);
    expect(mail.receivedAt).toBeInstanceOf(Date);
  });

  it('waits for several matching messages and clears them', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await Promise.all(['uno', 'dos', 'tres'].map((n) => transport.sendMail({ from: 'crm@demo.test', to: `${n}@demo.test`, subject: `Recordatorio ${n}`, text: n })));
    transport.close();
    const reminders = await smtp.waitForMessages((m) => m.subject.startsWith('Recordatorio'), { count: 3 });
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['dos@demo.test', 'tres@demo.test', 'uno@demo.test']);
    smtp.clear();
    expect(smtp.messages).toHaveLength(0);
  });

  it('times out with a message that says what arrived instead', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({ from: 'crm@demo.test', to: 'ana@demo.test', subject: 'Otro asunto', text: 'x' });
    transport.close();
    await smtp.waitForMessages((m) => m.subject === 'Otro asunto');
    await expect(smtp.waitForMessages((m) => m.subject === 'Bienvenida', { timeoutMs: 200 })).rejects.toThrow(/Timed out after 200 ms .* received 1: ana@demo.test: "Otro asunto"/);
  });

  it('keeps only the newest messages when a cap is set', async () => {
    const capped = await startSmtpServer({ maxMessages: 2 });
    try {
      const transport = nodemailer.createTransport(capped.url);
      for (const n of [1, 2, 3]) await transport.sendMail({ from: 'crm@demo.test', to: 'a@demo.test', subject: `m${n}`, text: 'x' });
      transport.close();
      expect(capped.messages.map((m) => m.subject)).toEqual(['m2', 'm3']);
    } finally {
      await capped.stop();
    }
  });
});

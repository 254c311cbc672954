import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { bareAddress, composeMimeMessage } from '../mime-message.js';

const base = {
  from: 'Atención al Cliente «Demo» <pqr@demo.test>',
  to: 'maria.perez@example.co',
  subject: 'Acuse de recibo de su PQR PQR-2026-000042: petición de información sobre facturación electrónica',
  text: 'Hola María:\n\nRecibimos su petición. Respuesta a más tardar: martes, 29 de diciembre de 2026.\n\n¡Gracias! 🙂',
  html: '<p>Hola María:</p><p>Recibimos su petición.</p>',
  messageId: '<3f1c9a52-1d7e-4b0e-9a51-0c7d2a1e9b11@demo.test>',
  date: new Date('2026-12-07T03:20:00.000Z'),
};

describe('composeMimeMessage', () => {
  it('is read back by a mail client library exactly as written: Spanish headers, both bodies, threading', async () => {
    const raw = composeMimeMessage({
      ...base,
      headers: {
        'In-Reply-To': '<a@demo.test>',
        References: Array.from({ length: 6 }, (_, i) => `<reference-number-${i}-of-a-long-thread@demo.test>`).join(' '),
        'X-CRM-Template': 'ticket-acknowledgement',
      },
    });
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ address: 'pqr@demo.test', name: 'Atención al Cliente «Demo»' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : undefined).toEqual([{ address: 'maria.perez@example.co', name: '' }]);
    expect(parsed.subject).toBe(base.subject);
    expect(parsed.messageId).toBe(base.messageId);
    expect(parsed.inReplyTo).toBe('<a@demo.test>');
    expect(parsed.references).toHaveLength(6);
    expect(parsed.date?.toISOString()).toBe('2026-12-07T03:20:00.000Z');
    expect(parsed.text?.trim()).toBe(base.text);
    expect(parsed.html).toBe(base.html);
    expect(parsed.headers.get('x-crm-template')).toBe('ticket-acknowledgement');
    expect(parsed.attachments).toEqual([]);
  });

  it('keeps every line within SMTP limits and uses CRLF only', () => {
    const raw = composeMimeMessage({ ...base, text: 'ñ'.repeat(5_000), subject: 'Reclamo '.repeat(40) + 'ñandú' });
    const text = raw.toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const longest = Math.max(...text.split('\r\n').map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(100);
    // Only ASCII goes on the wire: bodies are base64 and headers encoded words.
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
  });

  it('sends text parts in canonical form: a template written with LF arrives with CRLF line breaks', () => {
    const raw = composeMimeMessage({ ...base, text: 'Línea uno\nLínea dos\r\nLínea tres' }).toString('utf8');
    const part = raw.split('Content-Transfer-Encoding: base64\r\n\r\n')[1]!.split('\r\n--')[0]!;
    expect(Buffer.from(part.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Línea uno\r\nLínea dos\r\nLínea tres');
  });

  it('attaches files, with a non-ASCII file name, byte for byte', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3_000, 0xe2)]);
    const raw = composeMimeMessage({ ...base, attachments: [{ filename: 'Cotización nº 12.pdf', content: pdf, contentType: 'application/pdf' }] });
    const parsed = await simpleParser(raw);
    expect(parsed.text?.trim()).toBe(base.text);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('Cotización nº 12.pdf');
    expect(parsed.attachments[0]!.contentType).toBe('application/pdf');
    expect(Buffer.compare(parsed.attachments[0]!.content, pdf)).toBe(0);
  });

  it('cannot be made to carry extra headers through a subject, a header value or an address', async () => {
    const raw = composeMimeMessage({
      ...base,
      to: 'victim@example.co\r\nBcc: attacker@evil.test',
      subject: 'Hola\r\nBcc: attacker@evil.test',
      headers: { 'X-CRM-Template': 'x\r\nBcc: attacker@evil.test', 'Bad Name:': 'y', From: 'spoof@evil.test' },
    });
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.get('bcc')).toBeUndefined();
    expect(raw.toString('utf8')).not.toMatch(/\r\nBcc:/i);
    expect(parsed.from?.value[0]?.address).toBe('pqr@demo.test');
    expect(parsed.subject).toBe('Hola Bcc: attacker@evil.test');
  });

  it('gives the SMTP envelope the bare address', () => {
    expect(bareAddress('CRM <crm@demo.test>')).toBe('crm@demo.test');
    expect(bareAddress('"Soporte, Demo" <soporte@demo.test>')).toBe('soporte@demo.test');
    expect(bareAddress(' maria@example.co ')).toBe('maria@example.co');
  });
});

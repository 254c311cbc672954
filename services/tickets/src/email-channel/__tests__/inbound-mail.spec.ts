import { describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { selectFiles } from '../inbound-files.js';
import { readInboundMail } from '../inbound-mail.js';

/** The bytes nodemailer would put on the wire for these options. */
async function rawOf(options: Mail.Options): Promise<Buffer> {
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(options);
  return info.message as Buffer;
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('reading an inbound e-mail', () => {
  it('takes the sender, the thread it answers (In-Reply-To first, then References newest first) and the files', async () => {
    const raw = await rawOf({
      from: '"María Pérez" <Maria.Perez@Cliente.test>',
      to: 'soporte@empresa.test',
      subject: 'RE: Acuse de recibo de su PQR PQR-2026-000042',
      messageId: '<respuesta-1@cliente.test>',
      inReplyTo: '<b@crm.test>',
      references: ['<a@crm.test>', '<b@crm.test>'],
      text: 'Gracias.',
      attachments: [{ filename: 'extracto.pdf', content: pdf }],
    });
    const mail = await readInboundMail(raw, 'maria.perez@cliente.test');
    expect(mail).toMatchObject({
      messageId: '<respuesta-1@cliente.test>',
      fromAddress: 'maria.perez@cliente.test',
      fromName: 'María Pérez',
      subject: 'RE: Acuse de recibo de su PQR PQR-2026-000042',
      text: 'Gracias.',
    });
    expect(mail.answers).toEqual(['<b@crm.test>', '<a@crm.test>']);
    expect(mail.files).toEqual([{ fileName: 'extracto.pdf', bytes: pdf, inline: false }]);
    expect(mail.sizeBytes).toBe(raw.length);
  });

  it('reads an HTML-only e-mail as text, skips its inline logo, and keys an e-mail without Message-ID by its bytes', async () => {
    const raw = (
      await rawOf({
        from: 'a@cliente.test',
        to: 's@empresa.test',
        subject: 'Hola',
        html: '<p>Primera línea</p><p>Segunda &amp; última</p><img src="cid:logo">',
        attachments: [{ filename: 'logo.png', content: png, cid: 'logo' }],
      })
    )
      .toString('utf8')
      .replace(/^Message-ID:.*\r\n/im, '');
    const mail = await readInboundMail(Buffer.from(raw), 'a@cliente.test');
    expect(mail.text).toContain('Primera línea');
    expect(mail.text).toContain('Segunda & última');
    expect(mail.files).toEqual([expect.objectContaining({ fileName: 'logo.png', inline: true })]);
    expect(mail.messageId).toMatch(/^<sha256\.[0-9a-f]{64}@sin-message-id>$/);
    expect((await readInboundMail(Buffer.from(raw), null)).messageId).toBe(mail.messageId);
  });

  it('keeps allowed files within the limits and says why the others were left out', () => {
    const exe = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode', 'latin1');
    const selection = selectFiles(
      [
        { fileName: 'a.pdf', bytes: pdf, inline: false },
        { fileName: 'logo.png', bytes: png, inline: true },
        { fileName: 'virus.exe', bytes: exe, inline: false },
        { fileName: 'grande.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(100, 0x20)]), inline: false },
        { fileName: 'b.png', bytes: png, inline: false },
        { fileName: 'c.pdf', bytes: pdf, inline: false },
      ],
      { maxBytes: 100, maxFiles: 2 },
    );
    expect(selection.accepted.map((file) => file.fileName)).toEqual(['a.pdf', 'b.png']);
    expect(selection.refused).toEqual([
      { fileName: 'virus.exe', reason: 'type_not_allowed' },
      { fileName: 'grande.pdf', reason: 'too_large' },
      { fileName: 'c.pdf', reason: 'too_many' },
    ]);
  });
});

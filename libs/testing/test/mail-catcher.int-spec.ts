import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { startMailCatcher, type ReceivedMail, type RunningMailCatcher } from '@crm/testing';

type MailJson = Omit<ReceivedMail, 'receivedAt' | 'raw'> & { receivedAt: string; raw?: string };

describe('startMailCatcher', () => {
  let catcher: RunningMailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
    const transport = nodemailer.createTransport(catcher.smtpUrl);
    await transport.sendMail({ from: 'crm@demo.test', to: 'ana@demo.test', subject: 'Primero: ticket PQR-2026-000001 radicado', text: 'Su PQR fue radicada.' });
    await transport.sendMail({
      from: 'crm@demo.test',
      to: 'jose@demo.test',
      subject: 'Segundo <script>alert(1)</script>',
      text: 'Hola José',
      html: '<p>Hola <b>José</b></p><script>alert("xss")</script>',
    });
    transport.close();
  });

  afterAll(async () => {
    await catcher.stop();
  });

  it('serves the messages as JSON, newest first', async () => {
    const response = await fetch(`${catcher.webUrl}/api/messages`);
    expect(response.status).toBe(200);
    const messages = (await response.json()) as MailJson[];
    expect(messages.map((m) => m.subject)).toEqual(['Segundo <script>alert(1)</script>', 'Primero: ticket PQR-2026-000001 radicado']);
    expect(messages[1]).toMatchObject({ from: 'crm@demo.test', to: ['ana@demo.test'], text: 'Su PQR fue radicada.' });
  });

  it('lists the inbox as an HTML page, newest first, with the subjects escaped', async () => {
    const response = await fetch(catcher.webUrl);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('Segundo &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page).not.toContain('<script>');
    expect(page.indexOf('Segundo')).toBeLessThan(page.indexOf('Primero'));
    expect(page).toContain('jose@demo.test');
  });

  it('shows one message with its text, and its HTML only inside a sandbox', async () => {
    const [latest] = (await (await fetch(`${catcher.webUrl}/api/messages`)).json()) as MailJson[];
    const page = await (await fetch(`${catcher.webUrl}/messages/${latest.id}`)).text();
    expect(page).toContain('Hola José');
    expect(page).toContain(`<iframe sandbox src="/messages/${latest.id}/html"`);
    expect(page).not.toContain('alert("xss")');

    const html = await fetch(`${catcher.webUrl}/messages/${latest.id}/html`);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(await html.text()).toContain('<b>José</b>');

    const raw = await fetch(`${catcher.webUrl}/api/messages/${latest.id}`);
    expect(((await raw.json()) as MailJson).raw).toContain('Subject:');
    expect((await fetch(`${catcher.webUrl}/messages/does-not-exist`)).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${catcher.webUrl}/api/messages`, { headers: { host: 'evil.example:1080' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('empties the inbox on DELETE /api/messages', async () => {
    const response = await fetch(`${catcher.webUrl}/api/messages`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await (await fetch(`${catcher.webUrl}/api/messages`)).json()).toEqual([]);
    expect(await (await fetch(catcher.webUrl)).text()).toContain('No hay mensajes.');
  });
});

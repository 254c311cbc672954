import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { waitFor } from '@crm/testing';
import { MinioDocumentStorage } from '@crm/storage';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ENTRY = join(ROOT, 'dist', 'libs', 'testing', 'src', 'dev-infra.main.js');

describe('dev-infra entry point (compiled by the Jest global setup)', () => {
  it('starts the mail catcher and embedded S3, reports where, and stops on SIGTERM', async () => {
    expect(existsSync(ENTRY)).toBe(true);
    const directory = await mkdtemp(join(tmpdir(), 'crm-dev-infra-'));
    const child = spawn(process.execPath, [ENTRY], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, MAIL_CATCHER_SMTP_PORT: '0', MAIL_CATCHER_WEB_PORT: '0', EMBEDDED_S3_PORT: '0', EMBEDDED_S3_DIR: directory },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const ready = await waitFor(async () => /dev-infra ready smtp=(\S+) web=(\S+) s3=(\S+)/.exec(output), {
        timeoutMs: 15_000,
        description: 'the dev-infra ready line',
      }).catch((err: Error) => {
        throw new Error(`${err.message}; dev-infra printed: ${output}`);
      });
      const [, smtpUrl, webUrl, s3Url] = ready;

      const transport = nodemailer.createTransport(smtpUrl);
      await transport.sendMail({ from: 'crm@demo.test', to: 'ana@demo.test', subject: 'Prueba dev-infra', text: 'hola' });
      transport.close();
      const inbox = (await (await fetch(`${webUrl}/api/messages`)).json()) as { subject: string }[];
      expect(inbox.map((m) => m.subject)).toEqual(['Prueba dev-infra']);

      const storage = MinioDocumentStorage.fromEnv({ S3_ENDPOINT: s3Url, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' });
      expect(await storage.ping()).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(directory, { recursive: true, force: true });
    }
  });
});

// Runs the embedded S3 endpoint and the mail catcher (libs/testing/src/dev-infra.main.ts) for
// `npm start` when S3_ENDPOINT / SMTP_URL are not configured.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export async function spawnDevInfra(root, env) {
  const smtpPort = env.MAIL_CATCHER_SMTP_PORT ?? '1025';
  const webPort = env.MAIL_CATCHER_WEB_PORT ?? '1080';
  const s3Port = env.EMBEDDED_S3_PORT ?? '9000';
  const child = spawn(process.execPath, [join(root, 'dist/libs/testing/src/dev-infra.main.js')], {
    cwd: root,
    env: { ...env, MAIL_CATCHER_SMTP_PORT: smtpPort, MAIL_CATCHER_WEB_PORT: webPort, EMBEDDED_S3_PORT: s3Port, EMBEDDED_S3_DIR: env.EMBEDDED_S3_DIR ?? join(root, '.data', 's3') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dev infrastructure did not start within 20 s')), 20_000);
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes('dev-infra ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`dev infrastructure exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${webPort}`;
  const result = { process: { name: 'dev-infra', url, child, output: [] }, env: {}, mailInboxUrl: undefined };
  if (!env.SMTP_URL) {
    result.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    result.mailInboxUrl = url;
  }
  if (!env.S3_ENDPOINT) {
    Object.assign(result.env, { S3_ENDPOINT: `http://127.0.0.1:${s3Port}`, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_BUCKET: env.S3_BUCKET ?? 'crm-documents' });
  }
  return result;
}

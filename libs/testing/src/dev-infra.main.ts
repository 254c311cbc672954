// `npm start` runs this (compiled to dist/libs/testing/src/dev-infra.main.js) when SMTP_URL and/or
// S3_ENDPOINT are not set: a mail catcher and an embedded S3 endpoint on loopback.
// Env: MAIL_CATCHER_SMTP_PORT (1025), MAIL_CATCHER_WEB_PORT (1080), EMBEDDED_S3_PORT (9000),
// EMBEDDED_S3_DIR (.data/s3), S3_BUCKET (crm-documents); DEV_INFRA_MAIL=0 or DEV_INFRA_S3=0 skip one.
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher.js';
import { startEmbeddedS3, type RunningS3Server } from './s3-test-server.js';

function port(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`Environment variable ${name} must be a port number, got "${raw}"`);
  return value;
}

const enabled = (name: string) => process.env[name] !== '0' && process.env[name] !== 'false';

async function main(): Promise<void> {
  let mail: RunningMailCatcher | undefined;
  let s3: RunningS3Server | undefined;
  const stop = async (signal: string) => {
    console.log(`dev-infra stopping (${signal})`);
    await Promise.allSettled([mail?.stop(), s3?.stop()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    if (enabled('DEV_INFRA_MAIL')) {
      mail = await startMailCatcher({ smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025), webPort: port('MAIL_CATCHER_WEB_PORT', 1080) });
    }
    if (enabled('DEV_INFRA_S3')) {
      s3 = await startEmbeddedS3({
        port: port('EMBEDDED_S3_PORT', 9000),
        directory: process.env.EMBEDDED_S3_DIR || undefined,
        bucket: process.env.S3_BUCKET || undefined,
      });
    }
  } catch (err) {
    await Promise.allSettled([mail?.stop(), s3?.stop()]);
    throw err;
  }
  const parts = [
    mail ? `smtp=${mail.smtpUrl} web=${mail.webUrl}` : 'smtp=off web=off',
    s3 ? `s3=${s3.endpoint} bucket=${s3.bucket} accessKey=${s3.accessKey} secretKey=${s3.secretKey} dir=${s3.directory}` : 's3=off',
  ];
  console.log(`dev-infra ready ${parts.join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(`dev-infra failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

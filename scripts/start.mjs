// `npm start`: bring the whole platform up on this machine from a fresh clone.
// Only Node built-ins are imported up front: dependencies may not be installed yet.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePlatform, step } from './lib/bootstrap.mjs';
import { PORTS, SERVICES } from './lib/dev-environment.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { env } = await preparePlatform(root);

const { spawnServiceProcess, stopServiceProcess, waitUntilListening } = await import('../dist/libs/testing/src/platform/service-process.js');
const { spawnDevInfra } = await import('./lib/dev-infra-process.mjs');

const children = [];
const stopAll = async (code = 0) => {
  await Promise.all(children.map((child) => stopServiceProcess(child)));
  process.exit(code);
};
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

let mailInbox = 'configured by SMTP_URL';
if (!env.S3_ENDPOINT || !env.SMTP_URL) {
  step('starting the embedded S3 endpoint and the mail catcher');
  const infra = await spawnDevInfra(root, env);
  children.push(infra.process);
  Object.assign(env, infra.env);
  if (infra.mailInboxUrl) mailInbox = infra.mailInboxUrl;
}

step('starting services');
// Services believe X-Forwarded-For only from the gateway (loopback here); the gateway from nobody.
// The tickets process also listens for inbound e-mail (e-mail to ticket) on TICKETS_SMTP_PORT.
const serviceEnv = { ...env, TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? '127.0.0.1', TICKETS_SMTP_PORT: env.TICKETS_SMTP_PORT ?? '2525' };
const services = SERVICES.map((name) => spawnServiceProcess(root, name, PORTS[name], serviceEnv, true));
children.push(...services);
try {
  await Promise.all(services.map((proc) => waitUntilListening(proc, 60_000)));
  const gateway = spawnServiceProcess(root, 'gateway', PORTS.gateway, env, true);
  children.push(gateway);
  await waitUntilListening(gateway, 60_000);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

const gatewayUrl = `http://127.0.0.1:${PORTS.gateway}`;
console.log(`
  CRM is running
  ─────────────────────────────────────────────
  Console      ${gatewayUrl}/
  Gateway      ${gatewayUrl}/api/v1
  API docs     ${gatewayUrl}/api/docs
  AsyncAPI     ${gatewayUrl}/api/docs/asyncapi
  Health       ${gatewayUrl}/health
  Mail inbox   ${mailInbox}
  Inbound mail smtp://127.0.0.1:${serviceEnv.TICKETS_SMTP_PORT} (e-mail to ticket: add an address at /api/v1/ticket-email-addresses)
  Demo login   ${env.CRM_ADMIN_EMAIL} / ${env.CRM_ADMIN_PASSWORD}

  curl -s -X POST ${gatewayUrl}/api/v1/auth/login -H 'content-type: application/json' \\
       -d '{"email":"${env.CRM_ADMIN_EMAIL}","password":"${env.CRM_ADMIN_PASSWORD}"}'

  Ctrl-C stops everything.
`);

// `npm run setup`: everything `npm start` does before it boots the services (dependencies,
// PostgreSQL, RabbitMQ, compile, provision the database), then exits. For CI and images.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePlatform } from './lib/bootstrap.mjs';
import { ensureChromium } from './lib/infra.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { database } = await preparePlatform(root);
// The browser tests of the web console (npm test) need Chromium.
await ensureChromium();
console.log(`✓ database "${database}" provisioned; \`npm start\` boots the services`);

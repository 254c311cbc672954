// `npm test` runs this before Jest: fails, naming each file and line, when a service imports
// another service or the gateway, the gateway a service, or a lib a service or the gateway.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, formatViolations } from './lib/architecture.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const violations = checkArchitecture(root);
if (violations.length > 0) {
  console.error(`✗ ${violations.length} forbidden import(s) (ARCHITECTURE.md §1: services share only libs/):\n${formatViolations(violations)}`);
  process.exit(1);
}
console.log('✓ architecture: no service imports another service or the gateway; libs import neither');

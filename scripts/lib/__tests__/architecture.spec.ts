import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { checkArchitecture, formatViolations, importSpecifiers } from '../architecture.mjs';

const trees: string[] = [];

/** A project tree on disk: { 'services/a/src/x.ts': 'source' }. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'crm-arch-'));
  trees.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('architecture check', () => {
  it('accepts services and the gateway importing libs, packages and their own files', () => {
    const root = tree({
      'services/contacts/src/main.ts': "import { runService } from '@crm/common';\nimport { AppModule } from './app.module.js';\nimport pg from 'pg';",
      'services/contacts/test/contacts.e2e-spec.ts': "import { thing } from '../src/contacts/thing.js';",
      'gateway/src/main.ts': "import { runService } from '@crm/common';\nconst lazy = await import('./lazy.js');",
      'libs/common/src/index.ts': "export * from './config/config.js';\nimport { x } from '../../auth/src/index.js';",
    });
    expect(checkArchitecture(root)).toEqual([]);
  });

  it('names every forbidden import with its file and line', () => {
    const root = tree({
      'services/notifications/src/mailer.ts': "import pg from 'pg';\nimport { ContactsService } from '../../contacts/src/contacts/contacts.service.js';",
      'services/reporting/src/x.ts': "export { AppModule } from '../../../gateway/src/app.module.js';",
      'gateway/src/proxy.ts': "const m = await import('../../services/contacts/src/main.js');",
      'libs/testing/src/kit.ts': "import '../../../services/tickets/src/tickets.module.js';",
    });
    const found = checkArchitecture(root);
    expect(found.map(({ file, line, reason }) => ({ file, line, reason }))).toEqual([
      { file: 'gateway/src/proxy.ts', line: 1, reason: 'the gateway never imports a service (it reaches them over HTTP)' },
      { file: 'libs/testing/src/kit.ts', line: 1, reason: 'a lib never imports a service or the gateway' },
      { file: 'services/notifications/src/mailer.ts', line: 2, reason: 'a service never imports another service (talk through HTTP or events)' },
      { file: 'services/reporting/src/x.ts', line: 1, reason: 'a service never imports the gateway' },
    ]);
    expect(formatViolations(found)).toContain("services/notifications/src/mailer.ts:2 imports '../../contacts/src/contacts/contacts.service.js'");
  });

  it('reads static, side-effect and dynamic imports and re-exports', () => {
    const source = "import a from 'a';\nimport 'b';\nexport * from 'c';\nconst d = await import('d');\nimport type { E } from 'e';";
    expect(importSpecifiers(source).map((found: { specifier: string }) => found.specifier)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

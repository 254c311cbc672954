// The dependency rules of ARCHITECTURE.md §1, checked on the source: a service never imports
// another service or the gateway, the gateway never imports a service, and a lib never imports
// a service or the gateway. Shared code lives in libs/ and is reached as `@crm/<lib>`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const SOURCE_ROOTS = ['gateway', 'services', 'libs'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

/** The part of the tree a file belongs to: `gateway`, `services/<name>`, `libs/<name>`, or undefined. */
export function unitOf(relativePath) {
  const parts = relativePath.split(/[\\/]/);
  if (parts[0] === 'gateway') return 'gateway';
  if ((parts[0] === 'services' || parts[0] === 'libs') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return undefined;
}

/** Every module specifier a TypeScript file names: static and dynamic imports, re-exports. */
export function importSpecifiers(source) {
  const found = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
  for (const match of source.matchAll(pattern)) {
    const line = source.slice(0, match.index).split('\n').length;
    found.push({ specifier: match[2], line });
  }
  return found;
}

/** The unit a specifier points into, seen from `fromFile` (both relative to the root). */
export function targetUnit(fromFile, specifier) {
  const alias = /^@crm\/([a-z0-9-]+)/.exec(specifier);
  if (alias) return `libs/${alias[1]}`;
  if (!specifier.startsWith('.')) return undefined; // a package
  const target = join(dirname(fromFile), specifier).split(sep).join('/');
  if (target.startsWith('..')) return 'outside';
  return unitOf(target);
}

/** Why `from` may not depend on `to`, or undefined when it may. */
export function forbiddenReason(from, to) {
  if (!to || from === to) return undefined;
  const [fromKind] = from.split('/');
  const [toKind] = to.split('/');
  if (fromKind === 'services' && toKind === 'services') return 'a service never imports another service (talk through HTTP or events)';
  if (fromKind === 'services' && toKind === 'gateway') return 'a service never imports the gateway';
  if (fromKind === 'gateway' && toKind === 'services') return 'the gateway never imports a service (it reaches them over HTTP)';
  if (fromKind === 'libs' && (toKind === 'services' || toKind === 'gateway')) return 'a lib never imports a service or the gateway';
  if (to === 'outside') return 'imports from outside gateway/, services/ and libs/';
  return undefined;
}

function* sourceFiles(root, dir) {
  for (const name of readdirSync(join(root, dir))) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) yield* sourceFiles(root, path);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) yield path.split(sep).join('/');
  }
}

/** Every forbidden import under `root`: { file, line, specifier, reason }. */
export function checkArchitecture(root) {
  const violations = [];
  for (const top of SOURCE_ROOTS) {
    let isDir = false;
    try {
      isDir = statSync(join(root, top)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) continue;
    for (const file of sourceFiles(root, top)) {
      const from = unitOf(file);
      if (!from) continue;
      for (const { specifier, line } of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
        const reason = forbiddenReason(from, targetUnit(file, specifier));
        if (reason) violations.push({ file, line, specifier, reason });
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatViolations(violations) {
  return violations.map((v) => `${v.file}:${v.line} imports '${v.specifier}': ${v.reason}`).join('\n');
}

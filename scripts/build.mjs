// Compiles every service, the gateway and the libs to dist/ with swc (types are checked
// separately by `tsc --noEmit`). `@crm/<lib>` imports are rewritten to relative paths so the
// output runs on plain Node without a loader.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const sourceRoots = ['gateway', 'services', 'libs'];
const swcOptions = JSON.parse(readFileSync(join(root, '.swcrc.base.json'), 'utf8'));

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === '__tests__' || name === 'test' || name === 'node_modules') continue;
      yield* sourceFiles(path);
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}

function rewriteLibImports(code, outFile) {
  return code.replace(/(from\s+|import\s*\(\s*)(['"])@crm\/([a-z-]+)\2/g, (_m, lead, quote, lib) => {
    let rel = relative(dirname(outFile), join(outDir, 'libs', lib, 'src', 'index.js')).split(sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${quote}${rel}${quote}`;
  });
}

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
  let count = 0;
  for (const top of sourceRoots) {
    const dir = join(root, top);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      const outFile = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      const { code, map } = await swc.transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(outFile), file), swcrc: false });
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, `${rewriteLibImports(code, outFile)}\n//# sourceMappingURL=${outFile.split(sep).pop()}.map\n`);
      if (map) writeFileSync(`${outFile}.map`, map);
      count++;
    }
  }
  if (!quiet) console.log(`build: ${count} files compiled to dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

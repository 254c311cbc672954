// Compiles every service, the gateway and the libs to dist/ with swc (types are checked
// separately by `tsc --noEmit`). `@crm/<lib>` imports are rewritten to relative paths so the
// output runs on plain Node without a loader. Then the web console (web/ → web/dist, Vite),
// skipped when its sources are unchanged.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, rmSync, existsSync, renameSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';
import { buildWeb } from './lib/web-build.mjs';

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
    let rel = relative(dirname(outFile), join(outDir, 'libs', lib, 'src', 'index.js'))
      .split(sep)
      .join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${quote}${rel}${quote}`;
  });
}

/** Writes via a temporary file and a rename, so a process loading dist/ never sees half a file. */
function writeAtomic(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function* compiledFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* compiledFiles(path);
    else yield path;
  }
}

/** Removes outputs whose source is gone (renamed or deleted files). */
function pruneStale(written) {
  if (!existsSync(outDir)) return;
  for (const file of compiledFiles(outDir)) {
    const base = file.endsWith('.js.map') ? file.slice(0, -4) : file;
    if (!written.has(base) && !file.endsWith('.tmp')) rmSync(file, { force: true });
  }
}

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  const written = new Set();
  let count = 0;
  for (const top of sourceRoots) {
    const dir = join(root, top);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      const outFile = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      const { code, map } = await swc.transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(outFile), file), swcrc: false });
      mkdirSync(dirname(outFile), { recursive: true });
      const output = `${rewriteLibImports(code, outFile)}\n//# sourceMappingURL=${outFile.split(sep).pop()}.map\n`;
      // Unchanged outputs are left alone: parallel test runs share dist/.
      if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== output) {
        writeAtomic(outFile, output);
        if (map) writeAtomic(`${outFile}.map`, map);
      }
      written.add(outFile);
      count++;
    }
  }
  pruneStale(written);
  if (!quiet) console.log(`build: ${count} files compiled to dist/ in ${Date.now() - started} ms`);
  await buildWeb(root, { quiet });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

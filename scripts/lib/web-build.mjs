// Builds the web console (web/ → web/dist) with Vite, only when its sources changed: the hash of
// every input is stamped in web/dist/.source-hash. The build goes to a temporary folder that
// replaces web/dist by renames, so a gateway serving web/dist never sees it half written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['index.html', 'vite.config.mjs', 'src', 'public'];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  else yield path;
}

export function webSourceHash(root) {
  const web = join(root, 'web');
  const hash = createHash('sha256');
  hash.update(JSON.parse(readFileSync(join(root, 'node_modules', 'vite', 'package.json'), 'utf8')).version);
  hash.update('production');
  for (const input of INPUTS) {
    for (const file of files(join(web, input))) {
      hash.update(relative(web, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export async function buildWeb(root, { quiet = false, force = false } = {}) {
  const web = join(root, 'web');
  if (!existsSync(join(web, 'index.html'))) return;
  const dist = join(web, 'dist');
  const stamp = join(dist, '.source-hash');
  const hash = webSourceHash(root);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  const started = Date.now();
  const temporary = join(web, `.dist-${process.pid}`);
  const { build } = await import('vite');
  // Always React's production build: Vite follows NODE_ENV, which Jest sets to "test" (a
  // development bundle, half again as big and slower, would be what the tests measured).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(web, 'vite.config.mjs'), root: web, mode: 'production', logLevel: quiet ? 'error' : 'warn', build: { outDir: temporary, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(join(temporary, '.source-hash'), hash);
  const old = join(web, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(temporary, dist);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.log(`build: web console built to web/dist in ${Date.now() - started} ms`);
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';

const DIST = join(process.cwd(), 'web', 'dist');
const BUDGET_BYTES = 300 * 1024;

/** The JavaScript a first visit downloads before any route chunk: the entry and what it preloads. */
export function initialScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((match) => match[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set([...scripts, ...preloads])];
}

describe('web console bundle (web/dist, built by the Jest global setup)', () => {
  it('loads at most 300 KB of gzipped JavaScript before the first page (routes are separate chunks)', () => {
    expect(existsSync(join(DIST, 'index.html'))).toBe(true);
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(join(DIST, path))).length, 0);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    // The pages themselves are not in it: each route is its own chunk, fetched when visited.
    const entry = readFileSync(join(DIST, scripts[0]!), 'utf8');
    expect(entry.includes('kpi-contacts')).toBe(false);
    // React's production build (the development one is much bigger and slower).
    expect(entry.includes('jsxDEV')).toBe(false);
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CrmWorld, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '@crm/testing';
import { chromiumPath } from '../../scripts/lib/infra.mjs';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'web');

/** The flags the brief fixes: headless, no sandbox (root in CI), nothing phoning home. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, for the failure message. */
  errors: string[];
  close(): Promise<void>;
}

/** The machine's Chromium (scripts/test.mjs installs it when missing) with a fresh profile. */
export async function launchBrowser(viewport = { width: 1280, height: 860 }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed: `npm test` (scripts/test.mjs) installs it with apt-get, or set CHROMIUM_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'crm-web-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS, viewport, locale: 'es-CO', timezoneId: 'America/Bogota' });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fills the login form on screen and submits it; waits for `landing`'s heading unless null (a test checking where it lands). */
export async function signIn(page: Page, email: string, password: string, landing: string | null = 'Panel principal'): Promise<void> {
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  if (landing) await page.getByRole('heading', { name: landing }).waitFor();
}

/** A spec's platform and browser: the real services behind the gateway that serves the console. */
export interface Console {
  world: CrmWorld;
  browser: Browser;
  page: Page;
  /** The gateway's URL (the console's origin). */
  base: string;
}

/** Starts the platform and Chromium (20 s per wait); signed in as the test admin unless `signedIn` is false. */
export async function openConsole(options: { signedIn?: boolean } = {}): Promise<Console> {
  const world = await CrmWorld.start();
  const browser = await launchBrowser();
  const page = browser.page;
  page.setDefaultTimeout(20_000);
  const base = world.platform.gatewayUrl;
  if (options.signedIn !== false) {
    await page.goto(`${base}/login`);
    await signIn(page, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }
  return { world, browser, page, base };
}

/** Closes what {@link openConsole} opened (either may be missing when the start failed). */
export async function closeConsole(opened: { browser?: Browser; world?: CrmWorld }): Promise<void> {
  await opened.browser?.close();
  await opened.world?.stop();
}

/**
 * What every end-to-end file shares (STACK.md: playwright-core with /usr/bin/chromium): the server
 * in-process on a PGlite copy of the demo, headless Chromium in a persistent context in a fresh
 * profile directory (or, with `persistent: false`, one browser with fresh contexts), page errors and
 * CSP refusals collected into `problems`, signing in through the login form, screenshots to
 * .tmp/e2e/, and everything torn down afterwards.
 *
 *   const b = useBrowserSuite({ timezoneId: 'America/New_York', shots: 'cases-' });
 *   test('…', async () => {
 *     const page = await b.open('yubei.staff'); // a new page, watched, signed in
 *     await b.shot(page, 'inbox'); // .tmp/e2e/cases-inbox.png
 *     expect(b.problems).toEqual([]);
 *   });
 *
 * Call it first inside `describe.skipIf(!executablePath)(…)`: its beforeAll runs before the file's
 * own, so `b.t`, `b.base` and `b.context` are ready there.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.js';

/** Debian Chromium's path, or '' when the suite skips (vitest.config.ts). */
export const executablePath = process.env.CHROMIUM_PATH || '';
const SHOTS = path.resolve(process.cwd(), '.tmp/e2e');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Every demo login's password (README.md "Demo logins"). */
export const DEMO_PASSWORD = 'tianping-demo';

export interface BrowserSuiteOptions {
  /** Default 1400×900. */
  viewport?: { width: number; height: number };
  timezoneId?: string;
  locale?: string;
  /** Chromium switches besides the usual ones. */
  args?: string[];
  /** A persistent context in a fresh profile directory (default), or one browser whose contexts `newContext()` adds. */
  persistent?: boolean;
  /** Also count CSP refusals logged to the console as problems (default true). */
  csp?: boolean;
  /** Screenshot file names start with this, e.g. 'cases-' (default none). */
  shots?: string;
}

export interface BrowserSuite {
  /** The in-process app (for API calls beside the browser). */
  readonly t: TestApp;
  /** The server's URL, e.g. http://127.0.0.1:41234. */
  readonly base: string;
  /** The first browser context, opened before the file's own beforeAll. */
  readonly context: BrowserContext;
  /** Page errors (and CSP refusals) from every page opened with `page()` or watched with `watch()`. */
  readonly problems: string[];
  /** Another context with the same options (another profile when persistent). */
  newContext(): Promise<BrowserContext>;
  /** A new page of `context` (the first one by default), watched; `who` prefixes its problems. */
  page(options?: { context?: BrowserContext; who?: string }): Promise<Page>;
  watch(page: Page, who?: string): void;
  /** From any state: storage cleared, the login form filled and sent, the app bar shown. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /** A new watched page of the first context, signed in as `username`, then at `where` if given (e.g. '/admin/incidents'). */
  open(username: string, where?: string): Promise<Page>;
  /** The login form already on screen: filled and sent, the app bar shown. */
  submitLogin(page: Page, username: string, password?: string): Promise<void>;
  /** A screenshot to .tmp/e2e/<shots><name>.png, the full page unless told otherwise. */
  shot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
}

export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const { viewport = { width: 1400, height: 900 }, timezoneId, locale, persistent = true, csp = true, shots = '' } = options;
  const args = [...ARGS, ...(options.args ?? [])];
  const contextOptions = { viewport, ...(timezoneId ? { timezoneId } : {}), ...(locale ? { locale } : {}) };
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;

  const suite = { problems: [] as string[] } as { -readonly [K in keyof BrowserSuite]: BrowserSuite[K] };

  suite.newContext = async () => {
    let context: BrowserContext;
    if (persistent) {
      const profile = mkdtempSync(path.join(tmpdir(), 'tianping-chromium-'));
      profiles.push(profile);
      context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, ...contextOptions });
    } else {
      browser ??= await chromium.launch({ executablePath, headless: true, args });
      context = await browser.newContext(contextOptions);
    }
    contexts.push(context);
    return context;
  };

  suite.watch = (page, who) => {
    const from = who ? `${who} ` : '';
    page.on('pageerror', (e) => suite.problems.push(`${from}pageerror: ${e.message}`));
    if (csp)
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) suite.problems.push(`${from}csp: ${m.text()}`);
      });
  };

  suite.page = async ({ context = suite.context, who } = {}) => {
    const page = await context.newPage();
    suite.watch(page, who);
    return page;
  };

  suite.submitLogin = async (page, username, password = DEMO_PASSWORD) => {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole('button', { name: /登录|Sign in/ }).click();
    await page.getByTestId('viewer-tenant').waitFor({ timeout: 30_000 });
  };

  suite.signIn = async (page, username, password) => {
    // Tokens live in storage: whoever was signed in before in this context is forgotten.
    await page.goto(`${suite.base}/admin/login`);
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.goto(`${suite.base}/admin/login`);
    await suite.submitLogin(page, username, password);
  };

  suite.open = async (username, where) => {
    const page = await suite.page();
    await suite.signIn(page, username);
    if (where) await page.goto(`${suite.base}${where}`);
    return page;
  };

  suite.shot = async (page, name, { fullPage = true } = {}) => {
    await page.screenshot({ path: path.join(SHOTS, `${shots}${name}.png`), fullPage });
  };

  beforeAll(async () => {
    suite.t = await startTestApp();
    suite.base = (await suite.t.app.start(0, '127.0.0.1')).url;
    mkdirSync(SHOTS, { recursive: true });
    suite.context = await suite.newContext();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await suite.t?.app.stop();
    await suite.t?.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  });

  return suite;
}

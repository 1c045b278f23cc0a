// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh browser with its own profile; `close()` removes the profile. `options` override the context's (e.g. a phone). */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'casegrid-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
    ...options,
  });
  // Every Content-Security-Policy violation on any page of this browser is kept, so a test can show there were none.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''}`);
    });
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open the app signed in as a demo user (through the sign-in page, like a person would). */
export async function signedIn(context, baseUrl, userId) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}/`);
  await page.click(`button[data-user="${userId}"]`);
  await page.waitForFunction(() => sessionStorage.getItem('casegrid.session') !== null);
  return page;
}

/** The Content-Security-Policy violations the page has had since it loaded. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every browser open now, with the last things its pages said on the console, for the account of a failed test. */
const open = new Set();
const failures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.local', 'e2e-failures');

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
  const browser = { context, console: [] };
  const listen = (page) => {
    page.on('console', (m) => keep(browser.console, `${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => keep(browser.console, `pageerror: ${e.message}`));
    page.on('requestfailed', (r) => keep(browser.console, `requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  };
  context.pages().forEach(listen);
  context.on('page', listen);
  open.add(browser);
  return {
    context,
    async close() {
      open.delete(browser);
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function keep(lines, line) {
  lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (lines.length > 60) lines.shift();
}

/**
 * What every open page shows when a test fails — its address, the text of its main part and what it said on the
 * console — on stderr, and a screenshot of each in .local/e2e-failures/, so a failure seen only in CI can be read.
 */
async function accountOfOpenPages(test) {
  mkdirSync(failures, { recursive: true });
  const lines = [`e2e: "${test}" failed; the open pages:`];
  let n = 0;
  for (const browser of open) {
    for (const page of browser.context.pages()) {
      n++;
      const main = await page.locator('main').innerText({ timeout: 2000 }).catch((e) => `(no text: ${e.message.split('\n')[0]})`);
      const shot = join(failures, `${test.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 60)}-${n}.png`);
      await page.screenshot({ path: shot, fullPage: true, timeout: 5000 }).catch(() => undefined);
      lines.push(`--- page ${n}: ${page.url()} (screenshot ${shot})`, main.slice(0, 1500), '--- its console:', ...browser.console);
    }
  }
  console.error(lines.join('\n'));
}

/** `it` of node:test, with an account of every open page on stderr when the test fails. */
export function it(name, fn) {
  return nodeIt(name, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      await accountOfOpenPages(name).catch(() => undefined);
      throw e;
    }
  });
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

/**
 * WCAG 2.1 AA contrast (1.4.3) of every visible piece of text on the page: the text colour against the background it
 * sits on (the element's and its ancestors' background colours, blended), at least 4.5:1, or 3:1 for large text.
 * Disabled controls are exempt, as WCAG says. Returns the failures.
 */
export async function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const blend = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1,
    });
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      return layers.reverse().reduce((under, top) => blend(top, under), { r: 255, g: 255, b: 255, a: 1 });
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const failures = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim().length > 0);
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!own || rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (el.closest('[disabled], [aria-disabled="true"], .sr-label, .sr-only')) continue;
      const bg = background(el);
      const fg = blend(parse(style.color), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
      }
    }
    return failures;
  });
}

/**
 * The page's contrast failures, after showing that the check itself can fail: a grey-on-white probe (2.3:1) is caught,
 * and is removed again before the page is checked.
 */
export async function contrastFailuresChecked(page) {
  await page.evaluate(() => {
    const probe = Object.assign(document.createElement('p'), { id: 'contrast-probe', textContent: 'kontrastprøve' });
    probe.style.color = '#aaaaaa';
    document.body.append(probe);
  });
  const caught = (await contrastFailures(page)).some((f) => f.includes('kontrastprøve'));
  await page.evaluate(() => document.getElementById('contrast-probe').remove());
  if (!caught) throw new Error('the contrast check did not catch its probe');
  return contrastFailures(page);
}

// CaseGrid in real Chromium (Debian's package) against the CaseGrid that run.sh started on CASEGRID_URL.
// Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, signedIn } from './browser.mjs';

const base = process.env.CASEGRID_URL ?? 'http://127.0.0.1:5095';
const caseId = 'case-demo-ola';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
mkdirSync(shots, { recursive: true });
const wait = { timeout: 15000 };
const here = dirname(fileURLToPath(import.meta.url));

/** Stop, start or await the CaseGrid host that run.sh started (tests/e2e/silo.sh). */
function silo(action) {
  execFileSync(join(here, 'silo.sh'), [action], { stdio: 'inherit' });
}

async function tokenFor(userId) {
  const res = await fetch(`${base}/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId }),
  });
  return (await res.json()).accessToken;
}

describe('the meeting, the board and the person, live', () => {
  const browsers = [];
  let kari, ingrid, sofie;

  before(async () => {
    for (let i = 0; i < 3; i++) browsers.push(await launch());
    kari = await signedIn(browsers[0].context, base, 'u-kari');
    ingrid = await signedIn(browsers[1].context, base, 'u-ingrid');
    sofie = await signedIn(browsers[2].context, base, 'u-sofie');
    for (const page of [kari, ingrid]) {
      await page.goto(`${base}/#/cases/${caseId}`);
      await page.waitForSelector('[data-need="housing"]', wait);
    }
  });

  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
  });

  it('two members in the same meeting see each other present, in the room or remote', async () => {
    await ingrid.check('input[name="mode"][value="InRoom"]');
    await kari.check('input[name="mode"][value="Remote"]');
    await kari.waitForSelector('[data-testid="presence"] li[data-user="u-ingrid"]:has-text("I rommet")', wait);
    await ingrid.waitForSelector('[data-testid="presence"] li[data-user="u-kari"]:has-text("Fjerndeltaker")', wait);
  });

  it('an assessment being edited is locked for the others, and the saved text shows on both screens', async () => {
    const text = `Søknad om kommunal bolig sendt ${Date.now()}; venter på svar fra boligkontoret.`;
    await kari.click('[data-need="housing"] [data-action="edit-assessment"]');
    await kari.waitForSelector('#assess-housing', wait);

    // Ingrid sees who edits what: the field lock and the presence line.
    const lock = ingrid.locator('[data-need="housing"] [data-testid="lock"]');
    await lock.waitFor(wait);
    assert.match(await lock.innerText(), /Kari Nilsen redigerer/);
    assert.equal(await ingrid.isDisabled('[data-need="housing"] [data-action="edit-assessment"]'), true);
    await ingrid.waitForSelector('[data-testid="presence"] li[data-user="u-kari"] .editing', wait);
    await ingrid.locator('[data-need="housing"]').scrollIntoViewIfNeeded();
    await ingrid.screenshot({ path: join(shots, 'meeting.png') });

    await kari.fill('#assess-housing', text);
    await kari.click('[data-need="housing"] [data-action="save-assessment"]');
    await ingrid.waitForFunction(
      (t) => document.querySelector('[data-need="housing"] [data-testid="assessment"]')?.textContent === t, text, wait);
    await kari.waitForFunction(
      (t) => document.querySelector('[data-need="housing"] [data-testid="assessment"]')?.textContent === t, text, wait);
    // The lock is gone once Kari saved.
    await ingrid.waitForSelector('[data-need="housing"] [data-testid="lock"]', { state: 'detached', ...wait });
  });

  it('a goal added in one browser appears in the other without reload', async () => {
    const goal = `Ha et fast arbeidssted innen tre måneder (${Date.now()})`;
    await ingrid.fill('#goal-work', goal);
    await ingrid.press('#goal-work', 'Enter');
    await kari.waitForSelector(`[data-need="work"] .goals li:has-text("${goal}")`, wait);
  });

  it('a handover accepted in the meeting moves the card on the municipality board in a third browser', async () => {
    await sofie.goto(`${base}/#/units/bergen-kommune/board`);
    const card = sofie.locator(`[data-case="${caseId}"]`);
    await card.waitFor(wait);
    assert.equal(await card.getAttribute('data-awaiting'), '1');
    await sofie.waitForSelector('[data-testid="awaiting"]', wait);
    await sofie.screenshot({ path: join(shots, 'board.png') });

    await ingrid.click('[data-handover][data-status="Offered"] [data-action="accept"]');
    await ingrid.waitForSelector('[data-handover][data-status="Accepted"]', wait);
    await sofie.waitForSelector(`[data-case="${caseId}"][data-awaiting="0"]`, wait);
    // And Kari's meeting view shows the acceptance too.
    await kari.waitForSelector('[data-handover][data-status="Accepted"]', wait);
  });

  it("a refused completion says why, in the server's words", async () => {
    // Accepted only just now: no overlap yet and the planned date is weeks ahead, so the case refuses.
    await ingrid.click('[data-handover][data-status="Accepted"] [data-action="complete"]');
    const refusal = ingrid.locator('[data-handover][data-status="Accepted"] [data-testid="handover-message"].refusal');
    await refusal.waitFor(wait);
    const text = await refusal.innerText();
    assert.match(text, /^Ikke gjort: \S.{10,}/);
    await ingrid.waitForSelector('[data-handover][data-status="Accepted"]', wait);
  });

  it('shows a banner while the server is down, refuses edits, and catches up with what it missed', async () => {
    silo('stop');
    await kari.waitForSelector('[data-connection="reconnecting"], [data-connection="disconnected"]', { timeout: 60000 });
    assert.equal(await kari.isDisabled('[data-need="housing"] [data-action="edit-assessment"]'), true);
    assert.equal(await kari.isDisabled('[data-need="work"] form.inline button[type="submit"]'), true);
    await kari.screenshot({ path: join(shots, 'connection-lost.png') });

    silo('start');
    silo('ready');
    // Nora adds a goal the moment the server is back, possibly before Kari's screen has rejoined.
    const goal = `Nedbetalingsplan avtalt med kreditorene (${Date.now()})`;
    const token = await tokenFor('u-nora');
    const res = await fetch(`${base}/api/v1/cases/${caseId}/goals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'income-debt', text: goal }),
    });
    assert.equal(res.status, 200, await res.text());
    await kari.waitForSelector('[data-connection="connected"]', { state: 'attached', timeout: 60000 });
    await kari.waitForSelector('[data-connection="reconnecting"], [data-connection="disconnected"]', { state: 'detached', timeout: 60000 });
    await kari.waitForSelector(`[data-need="income-debt"] .goals li:has-text("${goal}")`, { timeout: 30000 });
    assert.equal(await kari.isDisabled('[data-need="housing"] [data-action="edit-assessment"]'), false);
  });
});

describe("the person's own view", () => {
  let browser, ola;

  before(async () => {
    browser = await launch();
    ola = await signedIn(browser.context, base, 'u-ola');
    await ola.setViewportSize({ width: 390, height: 844 });
  });

  after(async () => {
    await browser.close();
  });

  it('shows the plan in plain language, who is responsible, and the release date', async () => {
    await ola.goto(`${base}/#/me/${caseId}`);
    await ola.waitForSelector('[data-need="housing"]', wait);
    assert.match(await ola.locator('[data-testid="release"]').innerText(), /Etter planen blir du løslatt \d+\. \w+ \d{4}/);
    const housing = await ola.locator('[data-need="housing"]').innerText();
    assert.match(housing, /Bolig/);
    assert.match(housing, /Ansvarlig:/);
    assert.match(housing, /Du har sagt:/);
    // Plain words, not status codes.
    assert.doesNotMatch(await ola.locator('main').innerText(), /NeedIdentified|NotAssessed|InProgress/);
    // Fits a phone: no sideways scrolling.
    assert.equal(await ola.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
  });

  it('lets the person propose a change and see it waiting for an answer', async () => {
    const text = `Kan jeg få hjelp til å søke jobb som snekker? (${Date.now()})`;
    await ola.selectOption('#p-area', 'work');
    await ola.fill('#p-text', text);
    await ola.click('form.stack button[type="submit"]');
    await ola.waitForSelector(`[data-testid="my-proposals"] li:has-text("${text}")`, wait);
    assert.match(await ola.locator(`[data-testid="my-proposals"] li:has-text("${text}")`).innerText(), /Venter på svar/);
    await ola.evaluate(() => window.scrollTo(0, 0));
    await ola.screenshot({ path: join(shots, 'person.png') });
    await ola.screenshot({ path: join(shots, 'person-full.png'), fullPage: true });
  });
});

// CaseGrid in real Chromium (Debian's package) against the CaseGrid that run.sh started on CASEGRID_URL.
// Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { contrastFailuresChecked, cspViolations, it, launch, signedIn } from './browser.mjs';

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

  it('two members edit the same goal at once: one wins, the other sees the winner\'s text and redoes theirs on top', async () => {
    const goal = '[data-need="housing"] li[data-goal]';
    for (const page of [kari, ingrid]) await page.click(`${goal} [data-action="edit-goal"]`);
    const kariText = `Egen leilighet nær datteren, klar ved løslatelse (${Date.now()})`;
    const ingridText = `Kommunal bolig i Bergen sentrum fra løslatelsesdagen (${Date.now()})`;
    await kari.fill(`${goal} input[id^="goal-edit-"]`, kariText);
    await ingrid.fill(`${goal} input[id^="goal-edit-"]`, ingridText);
    await kari.click(`${goal} [data-action="save-goal"]`);
    await kari.waitForSelector(`${goal} [data-testid="goal-text"]:has-text("${kariText}")`, wait);
    await ingrid.click(`${goal} [data-action="save-goal"]`);
    // Ingrid's edit started before Kari's landed: refused as stale, with Kari's text beside her own.
    const theirs = ingrid.locator(`${goal} [data-testid="conflict"] [data-testid="theirs"]`);
    await theirs.waitFor(wait);
    assert.equal(await theirs.innerText(), kariText);
    assert.equal(await ingrid.locator(`${goal} [data-testid="yours"]`).innerText(), ingridText);
    await ingrid.screenshot({ path: join(shots, 'conflict.png') });
    await ingrid.click(`${goal} [data-action="redo"]`);
    for (const page of [kari, ingrid]) {
      await page.waitForSelector(`${goal} [data-testid="goal-text"]:has-text("${ingridText}")`, wait);
    }
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
    // The refusal's code in plain Norwegian, not the server's English detail.
    assert.match(text, /^Ikke gjort: Mottakeren har ikke vært med på et ansvarsgruppemøte/);
    await ingrid.waitForSelector('[data-handover][data-status="Accepted"]', wait);
  });

  it('a handover offered from the meeting can be declined with a reason by the receiver, and another withdrawn by the sender', async () => {
    const offer = async (note) => {
      await kari.click('.handovers > details.add > summary');
      await kari.selectOption('#offer-subject', 'coordinator');
      await kari.selectOption('#offer-unit', 'bergen-kommune');
      await kari.fill('#offer-date', '2027-06-01');
      await kari.fill('#offer-note', note);
      await kari.click('.handovers form.grid-form button[type="submit"]');
      await ingrid.waitForSelector(`[data-handover][data-status="Offered"]:has-text("${note}")`, wait);
      await kari.click('.handovers > details.add > summary');
    };
    const first = `Koordinatorrollen over til kommunen (${Date.now()})`;
    await offer(first);
    const card = (page, note) => page.locator(`[data-handover]:has-text("${note}")`);
    // The sender does not accept or decline their own offer.
    assert.equal(await card(kari, first).locator('[data-action="accept"]').count(), 0);
    await card(ingrid, first).locator('[data-action="decline"]').click();
    await card(ingrid, first).locator('input[id^="reason-"]').fill('Friomsorgen tar koordineringen etter løslatelse, ikke kommunen.');
    await card(ingrid, first).locator('[data-action="confirm-decline"]').click();
    await kari.waitForSelector(`[data-handover][data-status="Declined"]:has-text("Friomsorgen tar koordineringen")`, wait);

    const second = `Koordinatorrollen, nytt forsøk (${Date.now()})`;
    await offer(second);
    await card(kari, second).locator('[data-action="withdraw"]').click();
    await card(kari, second).locator('input[id^="reason-"]').fill('Avklart i møtet: fengselet beholder koordineringen til løslatelsen.');
    await card(kari, second).locator('[data-action="confirm-withdraw"]').click();
    await ingrid.waitForSelector(`[data-handover][data-status="Withdrawn"]:has-text("${second}")`, wait);
  });

  it('a meeting is scheduled, opened and held: attendance, minutes and a decision that becomes a measure show on both screens', async () => {
    const title = `Ansvarsgruppemøte før løslatelse (${Date.now()})`;
    await kari.click('[data-testid="meeting-room"] summary');
    await kari.fill('#meet-title', title);
    await kari.click('[data-action="schedule-meeting"]');
    await ingrid.waitForSelector(`[data-meeting][data-status="Scheduled"]:has-text("${title}")`, wait);
    await kari.click('[data-action="open-meeting"]');
    await ingrid.waitForSelector('[data-meeting][data-status="Open"]', wait);
    // The agenda lists the changes since the last meeting, the goals edited above among them.
    await kari.waitForSelector('[data-testid="agenda"] li[data-kind="goal"]', wait);

    await kari.selectOption('#att-who', 'u-ingrid');
    await kari.check('input[name="att-how"][value="Digital"]');
    await kari.click('[data-action="record-attendance"]');
    await ingrid.waitForSelector('[data-testid="attendees"] li[data-user="u-ingrid"]:has-text("Digitalt")', wait);

    const minutes = `Boligsøknaden er sendt; svar ventes innen to uker (${Date.now()}).`;
    await kari.click('[data-action="edit-minutes"]');
    await ingrid.waitForSelector('.minutes [data-testid="lock"]', wait);
    await kari.fill('.meeting-room textarea', minutes);
    await kari.click('[data-action="save-minutes"]');
    await ingrid.waitForSelector(`[data-testid="minutes"]:has-text("${minutes}")`, wait);

    const decision = `Kari avtaler besøk med datteren før løslatelsen (${Date.now()})`;
    await kari.fill('#dec-text', decision);
    await kari.check('[data-testid="decision-form"] input[value="network"]');
    await kari.selectOption('#dec-owner', 'u-kari');
    await kari.fill('#dec-due', new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10));
    await kari.click('[data-action="record-decision"]');
    await ingrid.waitForSelector(`[data-testid="decisions"] li:has-text("${decision}")`, wait);
    await ingrid.waitForSelector(`[data-need="network"] [data-measure]:has-text("${decision}")`, wait);
    await kari.screenshot({ path: join(shots, 'meeting-held.png'), fullPage: true });

    // The decision's owner moves the measure on as far as the person has chosen it; Kari coordinates, so she may choose too.
    const measure = kari.locator(`[data-need="network"] [data-measure]:has-text("${decision}")`);
    await measure.locator('[data-action="measure-ChosenByPerson"]').click();
    await measure.locator('[data-action="measure-AcceptedByOwner"]').click();
    await ingrid.waitForSelector(`[data-need="network"] [data-measure][data-status="AcceptedByOwner"]:has-text("${decision}")`, wait);

    // The next meeting is booked before this one closes (domain §7); the room then moves on to it.
    const held = await kari.getAttribute('[data-testid="meeting-room"] [data-meeting][data-status="Open"]', 'data-meeting');
    const next = await fetch(`${base}/api/v1/cases/${caseId}/meetings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await tokenFor('u-kari')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ scheduledFor: new Date(Date.now() + 21 * 86400000).toISOString(), title: 'Neste ansvarsgruppemøte' }),
    });
    assert.equal(next.status, 200);
    await kari.click('[data-action="close-meeting"]');
    await ingrid.waitForSelector('[data-testid="meeting-room"] [data-meeting][data-status="Scheduled"]:has-text("Neste ansvarsgruppemøte")', wait);
    const read = await fetch(`${base}/api/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${await tokenFor('u-kari')}` } });
    assert.equal((await read.json()).meetings[held].status, 'Closed');
  });

  it("the coordinator answers the person's proposal from the meeting, adopting it as a measure", async () => {
    const proposal = kari.locator('[data-need="network"] li[data-proposal][data-status="Open"]').first();
    await proposal.locator('summary').click();
    await proposal.locator('input[id$="-text"]').fill('Ja: Lars avtaler besøket med barnevernet og moren.');
    await proposal.locator('select[id$="-owner"]').selectOption('u-lars');
    await proposal.locator('[data-action="answer-proposal"]').click();
    await ingrid.waitForSelector('[data-need="network"] li[data-proposal][data-status="Adopted"]:has-text("Lars avtaler besøket")', wait);
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
    await ola.click('[data-action="send-proposal"]');
    await ola.waitForSelector(`[data-testid="my-proposals"] li:has-text("${text}")`, wait);
    assert.match(await ola.locator(`[data-testid="my-proposals"] li:has-text("${text}")`).innerText(), /Venter på svar/);
    await ola.evaluate(() => window.scrollTo(0, 0));
    await ola.screenshot({ path: join(shots, 'person.png') });
    await ola.screenshot({ path: join(shots, 'person-full.png'), fullPage: true });
  });

  it('fits a 375 px phone: nothing runs off the side, and the answer to a proposal shows', async () => {
    const phone = await launch({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    try {
      const page = await signedIn(phone.context, base, 'u-ola');
      await page.goto(`${base}/#/me/${caseId}`);
      await page.waitForSelector('[data-need="housing"]', wait);
      await page.waitForSelector('[data-testid="my-proposals"] li:has-text("Lars avtaler besøket")', wait);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 0.5; })
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`);
        return { scroll: document.documentElement.scrollWidth, width, wide };
      });
      assert.equal(overflow.width, 375);
      assert.deepEqual(overflow.wide, [], `elements beyond the 375 px screen: ${overflow.wide.join(', ')}`);
      assert.ok(overflow.scroll <= overflow.width, `the page scrolls sideways: ${overflow.scroll} > ${overflow.width}`);
      await page.screenshot({ path: join(shots, 'person-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});

describe("the person's consent and health details", () => {
  const browsers = [];
  let nora, hilde, ola;
  const rus = '[data-need="substance-use"]';
  const larText = /LAR-behandling|Opioid/;

  before(async () => {
    for (let i = 0; i < 3; i++) browsers.push(await launch());
    nora = await signedIn(browsers[0].context, base, 'u-nora');
    hilde = await signedIn(browsers[1].context, base, 'u-hilde');
    ola = await signedIn(browsers[2].context, base, 'u-ola');
    await ola.setViewportSize({ width: 390, height: 844 });
  });

  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
  });

  it('a member outside the health services sees that the rus area exists and who owns it, not what it says', async () => {
    await nora.goto(`${base}/#/cases/${caseId}`);
    await nora.locator(`${rus} [data-testid="withheld"]`).waitFor(wait);
    assert.match(await nora.locator(`${rus} [data-testid="withheld"]`).innerText(), /Detaljene er skjermet for deg/);
    assert.equal(await nora.locator(`${rus} [data-testid="owner"]`).innerText(), 'Hilde Sørensen');
    assert.doesNotMatch(await nora.locator('main').innerText(), larText);
    assert.equal(await nora.locator(`${rus} [data-action="edit-assessment"]`).count(), 0);
    assert.equal(await nora.locator('[data-testid="consent"]').innerText(), 'deling i gruppa ✓, fagsystemer ✓, innhenting ✗');
    await nora.locator(rus).scrollIntoViewIfNeeded();
    await nora.screenshot({ path: join(shots, 'meeting-withheld.png') });

    // Hilde is the health service: she sees what is written.
    await hilde.goto(`${base}/#/cases/${caseId}`);
    await hilde.waitForSelector(`${rus} [data-testid="assessment"]`, wait);
    assert.match(await hilde.locator(`${rus} [data-testid="assessment"]`).innerText(), /Opioidavhengighet; i LAR-behandling/);
    assert.match(await hilde.locator(`${rus} .measures`).innerText(), /Videreføre LAR-behandling/);
    assert.equal(await hilde.locator(`${rus} [data-testid="withheld"]`).count(), 0);
  });

  it('presentation mode shows only what everyone in the group may see, follows the live case, and gives the live view back', async () => {
    const toggle = hilde.locator('[data-action="presentation"]');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await hilde.waitForSelector('[data-action="presentation"][aria-pressed="true"]', wait);
    const banner = hilde.locator('[data-testid="presentation-banner"]');
    await banner.waitFor(wait);
    assert.match(await banner.innerText(), /bare det alle i ansvarsgruppa kan se/);
    await hilde.locator(`${rus} [data-testid="withheld"]`).waitFor(wait);
    assert.match(await hilde.locator(`${rus} [data-testid="withheld"]`).innerText(), /vises ikke på felles skjerm/);
    assert.doesNotMatch(await hilde.locator('main').innerText(), larText);
    // Read-only: no editor, no forms, no handover buttons.
    assert.equal(await hilde.locator('[data-action="edit-assessment"], .plan form, [data-handover] button').count(), 0);
    // The owner still shows.
    assert.equal(await hilde.locator(`${rus} [data-testid="owner"]`).innerText(), 'Hilde Sørensen');

    // A change made elsewhere shows on the shared screen without leaving presentation mode.
    const goal = `Bolig med oppfølging fra første dag (${Date.now()})`;
    const res = await fetch(`${base}/api/v1/cases/${caseId}/goals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await tokenFor('u-nora')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'housing', text: goal }),
    });
    assert.equal(res.status, 200, await res.text());
    await hilde.waitForSelector(`[data-need="housing"] .goals li:has-text("${goal}")`, wait);
    assert.equal(await banner.isVisible(), true);
    assert.doesNotMatch(await hilde.locator('main').innerText(), larText);
    await hilde.locator(rus).scrollIntoViewIfNeeded();
    await hilde.screenshot({ path: join(shots, 'presentation.png') });

    await toggle.click();
    await hilde.waitForSelector('[data-action="presentation"][aria-pressed="false"]', wait);
    await banner.waitFor({ state: 'detached', ...wait });
    await hilde.waitForSelector(`${rus} [data-testid="assessment"]:has-text("LAR-behandling")`, wait);
    assert.equal(await hilde.locator(`${rus} [data-action="edit-assessment"]`).count(), 1);
  });

  it('the person sees what they consented to and who has seen their plan', async () => {
    await ola.goto(`${base}/#/me/${caseId}`);
    const consent = ola.locator('[data-testid="consent-section"]');
    await consent.waitFor(wait);
    assert.match(await consent.innerText(), /Deling i ansvarsgruppa/);
    for (const scope of ['PlanSharing', 'PartnerSystems']) {
      assert.equal(await consent.locator(`[data-scope="${scope}"]`).getAttribute('data-given'), 'true');
      assert.match(await consent.locator(`[data-scope="${scope}"]`).innerText(), /Du har sagt ja\./);
    }
    // Kari recorded it on Ola's word; it took effect when Ola confirmed it.
    assert.match(await consent.locator('[data-testid="consent-last"]').innerText(), /Sist endret av Ola Nordmann/);

    // Nora's read in the first test is on record, in plain words; the person's own reads are not listed. The page
    // has been open since sign-in, so ask for the latest reads first.
    const seen = ola.locator('[data-testid="seen-list"]');
    await seen.waitFor(wait);
    await ola.click('[data-action="refresh-audit"]');
    await seen.locator('li[data-actor="u-hilde"][data-kind="presented"]').first().waitFor(wait);
    const noraLine = seen.locator('li[data-actor="u-nora"][data-kind="viewed"]').first();
    assert.match(await noraLine.innerText(), /Nora Lie, NAV-veileder, så planen din\./);
    assert.match(await noraLine.innerText(), /kl\. \d\d:\d\d.*Helseopplysningene var skjult\./s);
    assert.match(await seen.locator('li[data-actor="u-hilde"][data-kind="presented"]').first().innerText(), /viste planen din på en felles skjerm/);
    assert.equal(await seen.locator('li[data-actor="u-ola"]').count(), 0);
    await consent.screenshot({ path: join(shots, 'person-consent.png') });
    await ola.locator('[data-testid="seen-section"]').screenshot({ path: join(shots, 'person-seen.png') });
  });

  it('a withdrawn consent takes effect on the members’ screens at once, and can be given again', async () => {
    const sharing = ola.locator('[data-testid="consent-section"] [data-scope="PlanSharing"]');
    await sharing.locator('[data-action="withdraw-consent"]').click();
    // Asked first, in plain words.
    assert.match(await sharing.innerText(), /Vil du trekke tilbake samtykket til «Deling i ansvarsgruppa»\?/);
    await sharing.locator('[data-action="confirm-withdraw"]').click();
    await ola.waitForSelector('[data-scope="PlanSharing"][data-given="false"]', wait);
    assert.match(await sharing.innerText(), /Du har ikke sagt ja\./);

    // Nora (NAV) now sees no details at all, not even of housing, without reloading.
    await nora.waitForFunction(() => document.querySelector('[data-testid="consent"]')?.textContent?.includes('deling i gruppa ✗'), null, wait);
    await nora.waitForSelector('[data-need="housing"] [data-testid="withheld"]', wait);

    await sharing.locator('[data-action="give-consent"]').click();
    await ola.waitForSelector('[data-scope="PlanSharing"][data-given="true"]', wait);
    await nora.waitForSelector('[data-need="housing"] [data-testid="withheld"]', { state: 'detached', ...wait });
    assert.equal(await nora.locator('[data-testid="consent"]').innerText(), 'deling i gruppa ✓, fagsystemer ✓, innhenting ✗');
  });

  it('the person lets a member see the health details and takes it back; the member’s screen follows at once', async () => {
    const health = ola.locator('[data-testid="health-section"]');
    assert.equal(await health.locator('[data-member="u-hilde"]').getAttribute('data-reason'), 'service');
    assert.equal(await health.locator('[data-member="u-hilde"] button').count(), 0);
    await health.locator('[data-member="u-nora"][data-reason="none"] [data-action="approve-health"]').click();
    await health.locator('[data-member="u-nora"][data-reason="approved"]').waitFor(wait);
    assert.match(await health.locator('[data-member="u-nora"]').innerText(), /Ser dem – du ga lov/);

    // Nora sees the rus details now, without reloading.
    await nora.waitForSelector(`${rus} [data-testid="assessment"]:has-text("LAR-behandling")`, wait);
    assert.equal(await nora.locator(`${rus} [data-testid="withheld"]`).count(), 0);
    await health.screenshot({ path: join(shots, 'person-health.png') });

    // Taken back: withheld again, and the demo is as it was.
    await health.locator('[data-member="u-nora"] [data-action="revoke-health"]').click();
    await health.locator('[data-member="u-nora"][data-reason="none"]').waitFor(wait);
    await nora.locator(`${rus} [data-testid="withheld"]`).waitFor(wait);
    assert.doesNotMatch(await nora.locator('main').innerText(), larText);
  });

  it('what the coordinator records on the person’s word shows in the person’s view at once and applies only when they confirm', async () => {
    const askFor = async (userId) => {
      const res = await fetch(`${base}/api/v1/cases/${caseId}/health-access/${userId}`, {
        method: 'PUT', headers: { Authorization: `Bearer ${await tokenFor('u-kari')}` },
      });
      assert.equal(res.status, 200, await res.text());
    };
    const rusFor = async (userId) => (await fetch(`${base}/api/v1/cases/${caseId}`, {
      headers: { Authorization: `Bearer ${await tokenFor(userId)}` },
    })).text();

    // Kari asks for Ingrid: it waits for Ola, and Ingrid sees nothing more meanwhile.
    await askFor('u-ingrid');
    const waiting = ola.locator('[data-testid="privacy-waiting"] li[data-kind="HealthAccess"]');
    await waiting.waitFor(wait);
    assert.match(await waiting.innerText(), /Kari Nilsen registrerte .* at Ingrid Dahl kan se helseopplysningene dine\./s);
    assert.doesNotMatch(await rusFor('u-ingrid'), larText);
    await ola.locator('[data-testid="privacy-waiting"]').screenshot({ path: join(shots, 'person-waiting.png') });

    // Ola confirms: now it applies.
    await waiting.locator('[data-action="confirm-request"]').click();
    const health = ola.locator('[data-testid="health-section"]');
    await health.locator('[data-member="u-ingrid"][data-reason="approved"]').waitFor(wait);
    assert.match(await rusFor('u-ingrid'), larText);

    // Kari asks for Nora; Ola says no, and nothing applies.
    await askFor('u-nora');
    await waiting.waitFor(wait);
    await waiting.locator('[data-action="reject-request"]').click();
    await waiting.waitFor({ state: 'detached', ...wait });
    assert.equal(await health.locator('[data-member="u-nora"]').getAttribute('data-reason'), 'none');
    assert.doesNotMatch(await rusFor('u-nora'), larText);

    // The demo as it was.
    await health.locator('[data-member="u-ingrid"] [data-action="revoke-health"]').click();
    await health.locator('[data-member="u-ingrid"][data-reason="none"]').waitFor(wait);
  });
});

describe('the Content-Security-Policy', () => {
  const browsers = [];
  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
  });

  for (const [who, path, ready] of [
    ['u-kari', `#/cases/${caseId}`, '[data-need="housing"]'],
    ['u-sofie', '#/units/bergen-kommune/board', '[data-testid="board"], .board'],
    ['u-ola', `#/me/${caseId}`, '[data-testid="consent-section"]'],
  ]) {
    it(`${path} as ${who} works under the policy, which allows no inline script or style, with not one violation`, async () => {
      const browser = await launch();
      browsers.push(browser);
      const page = await signedIn(browser.context, base, who);
      await page.goto(`${base}/${path}`);
      // Loaded afresh, so the answer (and its headers) is this page's own, not the sign-in page's.
      const answer = await page.reload();
      await page.waitForSelector(ready, wait);
      await page.waitForTimeout(500);

      const policy = (await answer.allHeaders())['content-security-policy'];
      assert.match(policy, /script-src 'self'/);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
      assert.deepEqual(await cspViolations(page), []);

      // The check can fail: an inline script is blocked, does not run, and is seen as a violation.
      const ran = await page.evaluate(() => {
        const script = Object.assign(document.createElement('script'), { textContent: 'window.__inlineRan = true;' });
        document.body.append(script);
        return window.__inlineRan === true;
      });
      assert.equal(ran, false);
      await page.waitForFunction(() => window.__cspViolations.length > 0, null, wait);
    });
  }
});

describe('usable by everyone: contrast and the keyboard', () => {
  const browsers = [];
  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
  });

  for (const [who, path, ready] of [
    ['u-kari', `#/cases/${caseId}`, '[data-need="housing"]'],
    ['u-kari', '#/', '[data-testid="work"] .work-item, [data-testid="work-empty"]'],
    ['u-kari', `#/cases/${caseId}/setup`, '[data-testid="setup-needs"]'],
    ['u-kari', `#/cases/${caseId}/time`, '[data-testid="readiness"] .readiness-items, [data-testid="readiness"] p'],
    ['u-sofie', '#/units/bergen-kommune/board', '[data-testid="board"], .board'],
    ['u-sofie', '#/units/bergen-kommune/board?wall=1&sort=readiness', '[data-testid="board"]'],
    ['u-admin', '#/admin', '[data-testid="units"] table'],
    ['u-ola', `#/me/${caseId}`, '[data-testid="consent-section"]'],
  ]) {
    it(`every text on ${path} as ${who} meets WCAG 2.1 AA contrast`, async () => {
      const browser = await launch();
      browsers.push(browser);
      const page = await signedIn(browser.context, base, who);
      await page.goto(`${base}/${path}`);
      try {
        await page.waitForSelector(ready, wait);
      } catch (e) {
        // What the page showed instead, so a timeout says why.
        throw new Error(`${e.message}\nThe page showed: ${await page.evaluate(() => document.body.innerText)}`);
      }
      await page.waitForTimeout(500);

      // The check itself can fail (a grey-on-white probe is caught); without it the page is clean.
      assert.deepEqual(await contrastFailuresChecked(page), []);
    });
  }

  it('signs in and proposes a change with the keyboard alone', async () => {
    const browser = await launch();
    browsers.push(browser);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${base}/`);
    await page.waitForSelector('button[data-user="u-ola"]', wait);

    // Tab to Ola's button (every control on the way is reachable), Enter signs in.
    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.getAttribute('data-user'))) !== 'u-ola'; i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-user')), 'u-ola');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="consent-section"]', wait);

    // Tab to the proposal text, type, Tab to the send button, Enter.
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement?.tagName)) !== 'TEXTAREA'; i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
    const text = `Forslag med tastaturet ${Date.now()}`;
    await page.keyboard.type(text);
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.getAttribute('type'))) !== 'submit'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector(`text=${text}`, wait);
  });
});

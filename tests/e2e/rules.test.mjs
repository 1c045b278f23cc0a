// Leaving prison and meetings as they are held, in real Chromium (Debian's package) against the CaseGrid that run.sh
// started on CASEGRID_URL: the release gate on parole, and one meeting from its invitation to the minutes sent to the
// members and the person. Each test sets up its own case through the REST API, as the web app would.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { it, launch, signedIn } from './browser.mjs';

const base = process.env.CASEGRID_URL ?? 'http://127.0.0.1:5095';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const wait = { timeout: 15000 };
const tokens = new Map();

async function token(userId) {
  if (!tokens.has(userId)) {
    const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId }) });
    tokens.set(userId, (await res.json()).accessToken);
  }
  return tokens.get(userId);
}

/** A REST call as a demo user; refused calls fail the test with the problem's code. */
async function rest(userId, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(userId)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} as ${userId}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function day(offset) {
  return new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
}

/** Kari opens a case at Bergen fengsel (release in `releaseIn` days) with Lars (friomsorg) and Ola as the person. */
async function openCase(prefix, name, releaseIn) {
  const caseId = `case-e2e-${prefix}-${Date.now().toString(36)}`;
  await rest('u-kari', 'PUT', `/api/v1/cases/${caseId}`, {
    person: { pseudonymId: `P-${prefix}-${Date.now().toString(36)}`, displayName: name },
    phase: 'Serving',
    unitId: 'fengsel-bergen',
    home: { registeredUnitId: 'bergen-kommune' },
    dates: { sentenceStart: day(-120), earliestRelease: day(releaseIn), expectedRelease: day(releaseIn), endOfSentence: day(releaseIn + 180), endOfSupervision: day(releaseIn + 180) },
    creatorRole: 'Kontaktbetjent',
  });
  const path = `/api/v1/cases/${caseId}`;
  await rest('u-kari', 'POST', `${path}/members`, { userId: 'u-lars', displayName: 'Lars Berg', role: 'FriomsorgOfficer', agency: 'Friomsorg', unitId: 'friomsorg-bergen', from: null });
  await rest('u-kari', 'POST', `${path}/members`, { userId: 'u-ola', displayName: 'Ola Nordmann', role: 'Person', agency: 'Person', unitId: null, from: null });
  await rest('u-ola', 'POST', `${path}/consent`, { scopes: ['PlanSharing'], note: 'Gitt i samtalen' });
  return { caseId, path };
}

describe('leaving prison: the gate on parole', () => {
  let browser, kari;

  before(async () => {
    browser = await launch();
    kari = await signedIn(browser.context, base, 'u-kari');
  });

  after(async () => {
    await browser.close();
  });

  it('parole is refused by the gate, naming each thing in the way, and goes through with an exception and its reason for each', async () => {
    const { caseId, path } = await openCase('parole', 'Mari Prøve', 0);
    await rest('u-kari', 'POST', `${path}/needs/housing/identify`, { ownerId: 'u-kari', ownWords: 'Jeg trenger et sted å bo.', assessment: 'Søknad om kommunal bolig er sendt.' });

    await kari.goto(`${base}/#/cases/${caseId}/time`);
    const release = kari.locator('[data-testid="release"]');
    await release.locator('[data-testid="blockers"] [data-blocker="coordinator"]').waitFor(wait);
    await release.locator('select[name="release-form"]').selectOption('Parole');
    await release.locator('[data-action="release-community"]').click();
    const refused = release.locator('[data-testid="release-outcome"]');
    await refused.waitFor(wait);
    assert.match(await refused.innerText(), /kan ikke løslates ennå/);

    const codes = await release.locator('[data-blocker]').evaluateAll((els) => els.map((e) => e.getAttribute('data-blocker')));
    for (const code of ['housing', 'coordinator', 'exit-conversation']) assert.ok(codes.includes(code), `${code} among ${codes}`);
    await kari.screenshot({ path: join(shots, 'release-gate.png') });

    for (const code of codes) {
      const item = release.locator(`[data-blocker="${code}"]`);
      await item.locator('summary').click();
      await item.locator('textarea').fill('Retten løslot henne i dag; nødbolig og møte på NAV i morgen.');
      await item.locator('[data-action="record-exception"]').click();
      await release.locator(`[data-testid="exceptions"] [data-exception="${code}"]`).waitFor(wait);
    }

    await release.locator('select[name="release-form"]').selectOption('Parole');
    await release.locator('[data-action="release-community"]').click();
    await kari.waitForFunction(() => /prøveløslat|tilsyn/i.test(document.querySelector('[data-testid="release"]')?.textContent ?? ''), null, wait);
    const state = await rest('u-kari', 'GET', path);
    assert.equal(state.phase, 'Community');
    assert.equal(state.releaseForm, 'Parole');

    // The prison's housing owner can no longer act now Mari is out: flagged on the case.
    await kari.goto(`${base}/#/cases/${caseId}`);
    await kari.locator('[data-testid="orphans"] [data-orphan="housing"][data-cause="PersonLeftPrison"]').waitFor(wait);
  });
});

describe('a meeting as it is held', () => {
  const browsers = [];
  let kari, lars;

  before(async () => {
    for (let i = 0; i < 2; i++) browsers.push(await launch());
    kari = await signedIn(browsers[0].context, base, 'u-kari');
    lars = await signedIn(browsers[1].context, base, 'u-lars');
  });

  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
  });

  it('goes from its invitation, through apologies and a guest, to the minutes approved and sent to the members and the person', async () => {
    const { caseId, path } = await openCase('meeting', 'Kim Møte', 60);
    const inTenMinutes = new Date(Date.now() + 10 * 60000).toISOString();
    const scheduled = await rest('u-kari', 'POST', `${path}/meetings`, { scheduledFor: inTenMinutes, title: 'Ansvarsgruppemøte' });
    const meetingId = scheduled.events[0].event.meetingId;

    await kari.goto(`${base}/#/cases/${caseId}`);
    const practice = kari.locator(`[data-testid="meeting-practice"][data-meeting="${meetingId}"]`);
    await practice.waitFor(wait);
    await practice.locator('input[name="place"]').fill('Bergen fengsel, møterom 2');
    await practice.locator('[data-action="send-invitation"]').click();
    await practice.locator('[data-testid="invitation"]:has-text("Lars Berg")').waitFor(wait);
    assert.match(await practice.locator('[data-testid="invitation"]').innerText(), /Ola Nordmann/);

    // Lars cannot come: his apologies reach Kari's screen live.
    await lars.goto(`${base}/#/cases/${caseId}`);
    await lars.locator(`[data-meeting="${meetingId}"] [data-action="send-apologies"]`).click();
    await practice.locator('[data-testid="apologies"]:has-text("Lars Berg")').waitFor(wait);

    // The next meeting is booked before this one closes.
    await rest('u-kari', 'POST', `${path}/meetings`, { scheduledFor: new Date(Date.now() + 21 * 86400000).toISOString(), title: 'Neste møte' });

    await kari.locator(`[data-testid="meeting-room"] [data-meeting="${meetingId}"] [data-action="open-meeting"]`).click();
    await practice.locator('input[name="guest"]').waitFor(wait);
    await practice.locator('input[name="guest"]').fill('Amina Yusuf');
    await practice.locator('select[name="guestRole"]').selectOption('Interpreter');
    await practice.locator('[data-action="add-guest"]').click();
    await practice.locator('[data-testid="guests"]:has-text("Amina Yusuf (tolk)")').waitFor(wait);

    await rest('u-kari', 'PUT', `${path}/meetings/${meetingId}/attendance/u-kari`, { attendance: 'Physical' });
    const current = await rest('u-kari', 'GET', path);
    await rest('u-kari', 'PUT', `${path}/meetings/${meetingId}/minutes`, { expectedVersion: current.meetings[meetingId].minutesVersion, text: 'Bolig: søknad sendt. Neste møte om tre uker.' });
    await kari.locator(`[data-testid="meeting-room"] [data-meeting="${meetingId}"] [data-action="close-meeting"]`).click();

    await practice.locator('[data-action="approve-minutes"]').click();
    const sent = practice.locator('[data-testid="minutes-sent"]');
    await sent.waitFor(wait);
    assert.match(await sent.innerText(), /Ola Nordmann/);
    assert.match(await sent.innerText(), /Lars Berg/);
    await kari.screenshot({ path: join(shots, 'meeting-minutes-sent.png') });
    const after = await rest('u-kari', 'GET', path);
    assert.ok(after.meetings[meetingId].minutesSentTo.includes('u-ola'));
  });
});

// The rules a real release needs, on the case's pages: orphaned responsibilities, meetings as they are held
// (invitation, apologies, guests, minutes approved and sent), applications to partners with their steps, and
// requests for information from other agencies under the person's own consent to it.
import { useState } from 'preact/hooks';
import { formatDate, formatDateTime } from '../i18n';
import { rw } from '../rulesWords';
import type { CaseState, Measure, Meeting } from '../types';
import { nameOf, type Ctx } from './Meeting';
import { Outcome, today, useCaseCommand, unitName } from './common';

function orphansOf(state: CaseState) {
  return Object.values(state.orphans ?? {}).sort((a, b) => a.subject.localeCompare(b.subject));
}

/** Responsibilities nobody can act on: who held them, why they cannot, and since when — until a handover or an override. */
export function OrphanFlags({ ctx }: { ctx: Ctx }) {
  const flags = orphansOf(ctx.state);
  if (flags.length === 0) return null;
  const w = rw();
  return (
    <section class="card orphans" aria-labelledby="orphans-h" data-testid="orphans" data-focus-id="orphans" role="region">
      <h2 id="orphans-h"><span aria-hidden="true">! </span>{w.orphansTitle}</h2>
      <p class="small">{w.orphansIntro}</p>
      <ul>
        {flags.map((f) => (
          <li key={f.subject} data-orphan={f.subject} data-cause={f.cause}>
            <strong>{w.subjectName(f.subject)}</strong>: {w.orphanCause(f.cause, nameOf(ctx.state, f.ownerId), unitName(ctx.store, f.unitId))}
            <span class="small"> · {w.since(formatDate(f.since.slice(0, 10)))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function activeMembers(state: CaseState) {
  const day = today();
  return Object.values(state.members).filter((m) => m.from <= day && (!m.until || day < m.until));
}

/**
 * A meeting as it is held, around the live room: the invitation before it opens (invitees, place or video link, the
 * chair — the person may chair), apologies, guests who are not members while it is open, and the minutes approved and
 * sent to the members and the person once it is closed.
 */
export function MeetingPractice({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const w = rw();
  const { state, me } = ctx;
  const cmd = useCaseCommand(ctx);
  const members = activeMembers(state);
  const path = `meetings/${meeting.meetingId}`;
  const invited = meeting.invitees ?? [];
  const [chosen, setChosen] = useState<string[]>(() => (invited.length > 0 ? invited : members.map((m) => m.userId)));
  const [place, setPlace] = useState(meeting.place ?? '');
  const [video, setVideo] = useState(meeting.videoLink ?? '');
  const [chair, setChair] = useState(meeting.chairId ?? '');
  const [guest, setGuest] = useState('');
  const [guestRole, setGuestRole] = useState('Interpreter');
  const apologies = meeting.apologies ?? [];
  const iAmInvited = invited.includes(me.userId) && !apologies.includes(me.userId);
  if (ctx.readOnly) return null;
  return (
    <section class="card meeting-practice" aria-labelledby={`mp-${meeting.meetingId}`} data-testid="meeting-practice" data-meeting={meeting.meetingId}>
      <h3 id={`mp-${meeting.meetingId}`}>{w.heldTitle(meeting.title)}</h3>
      {invited.length > 0 && (
        <dl class="facts" data-testid="invitation">
          <div><dt>{w.invited}</dt><dd>{invited.map((u) => nameOf(state, u)).join(', ')}</dd></div>
          {meeting.place && <div><dt>{w.place}</dt><dd>{meeting.place}</dd></div>}
          {meeting.videoLink && <div><dt>{w.videoLink}</dt><dd><a href={meeting.videoLink} rel="noreferrer noopener" target="_blank">{meeting.videoLink}</a></dd></div>}
          <div><dt>{w.chair}</dt><dd>{meeting.chairId ? nameOf(state, meeting.chairId) : nameOf(state, state.coordinatorId)}</dd></div>
          {meeting.invitedAt && <div><dt>{w.invitationSent}</dt><dd>{formatDateTime(meeting.invitedAt)}</dd></div>}
          {apologies.length > 0 && <div><dt>{w.apologies}</dt><dd data-testid="apologies">{apologies.map((u) => nameOf(state, u)).join(', ')}</dd></div>}
        </dl>
      )}
      {meeting.status === 'Scheduled' && (
        <form
          class="invitation-form"
          onSubmit={(e) => {
            e.preventDefault();
            void cmd.run(`${path}/invitation`, { invitees: chosen, place: place.trim() || null, videoLink: video.trim() || null, chairId: chair || null }, 'PUT', w.invitationSentNow);
          }}
        >
          <fieldset>
            <legend>{w.whoIsInvited}</legend>
            {members.map((m) => (
              <label key={m.userId} class="check">
                <input type="checkbox" name="invitee" value={m.userId} checked={m.role === 'Person' || chosen.includes(m.userId)} disabled={m.role === 'Person'}
                  onChange={(e) => setChosen((c) => ((e.target as HTMLInputElement).checked ? [...c, m.userId] : c.filter((x) => x !== m.userId)))} />
                {m.displayName}
              </label>
            ))}
          </fieldset>
          <label>{w.place}<input name="place" value={place} onInput={(e) => setPlace((e.target as HTMLInputElement).value)} /></label>
          <label>{w.videoLink}<input name="videoLink" type="url" value={video} onInput={(e) => setVideo((e.target as HTMLInputElement).value)} /></label>
          <label>{w.chair}
            <select name="chair" value={chair} onChange={(e) => setChair((e.target as HTMLSelectElement).value)}>
              <option value="">{w.chairCoordinator}</option>
              {members.map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}
            </select>
          </label>
          <button type="submit" data-action="send-invitation" disabled={cmd.busy}>{invited.length > 0 ? w.sendAgain : w.sendInvitation}</button>
        </form>
      )}
      {meeting.status !== 'Closed' && meeting.status !== 'Cancelled' && iAmInvited && (
        <button type="button" class="secondary" data-action="send-apologies" disabled={cmd.busy}
          onClick={() => void cmd.run(`${path}/apologies`, { userId: me.userId }, 'POST', w.apologiesSent)}>{w.sendApologies}</button>
      )}
      {meeting.status === 'Open' && (
        <>
          {(meeting.guests ?? []).length > 0 && <p class="small" data-testid="guests">{w.guests}: {(meeting.guests ?? []).map((g) => `${g.name} (${w.guestRole(g.role)})`).join(', ')}</p>}
          <form class="inline" onSubmit={(e) => { e.preventDefault(); void cmd.run(`${path}/guests`, { name: guest.trim(), role: guestRole }, 'POST', w.guestAdded).then((ok) => ok && setGuest('')); }}>
            <label>{w.guestName}<input name="guest" value={guest} onInput={(e) => setGuest((e.target as HTMLInputElement).value)} /></label>
            <label>{w.guestRoleLabel}
              <select name="guestRole" value={guestRole} onChange={(e) => setGuestRole((e.target as HTMLSelectElement).value)}>
                {['Interpreter', 'Lawyer', 'Family', 'Other'].map((r) => <option key={r} value={r}>{w.guestRole(r)}</option>)}
              </select>
            </label>
            <button type="submit" data-action="add-guest" disabled={cmd.busy || !guest.trim()}>{w.addGuest}</button>
          </form>
          <p class="small">{w.guestsHint}</p>
        </>
      )}
      {meeting.status === 'Closed' && (
        meeting.minutesApprovedAt ? (
          <p data-testid="minutes-sent"><strong>{w.minutesSent(formatDateTime(meeting.minutesApprovedAt))}</strong> {(meeting.minutesSentTo ?? []).map((u) => nameOf(state, u)).join(', ')}</p>
        ) : (
          <button type="button" data-action="approve-minutes" disabled={cmd.busy}
            onClick={() => void cmd.run(`${path}/minutes/approve`, undefined, 'POST', w.minutesApprovedNow)}>{w.approveMinutes}</button>
        )
      )}
      <Outcome message={cmd.message} testId="meeting-practice-outcome" />
    </section>
  );
}

const steps = ['Applied', 'Granted', 'Refused', 'Appealed', 'AppealGranted', 'AppealRefused'];
const kinds = ['Housing', 'SocialAssistance', 'Benefits', 'Treatment', 'Education', 'Other'];

/** A measure that is an application to a partner: its steps with dates, and the next step recorded. */
export function ApplicationSteps({ ctx, measure }: { ctx: Ctx; measure: Measure }) {
  const w = rw();
  const application = measure.application ?? null;
  const cmd = useCaseCommand(ctx);
  const [step, setStep] = useState(application ? 'Granted' : 'Applied');
  const [date, setDate] = useState(today());
  const [kind, setKind] = useState(application?.kind ?? 'Housing');
  const [partner, setPartner] = useState(application?.partner ?? '');
  return (
    <div class="application" data-testid="application" data-measure={measure.measureId}>
      {application && (
        <p class="small">
          <strong>{w.applicationKind(application.kind)}</strong>{application.partner && <> · {application.partner}</>}:{' '}
          {application.entries.map((e) => `${w.applicationStep(e.step)}${e.date ? ` ${formatDate(e.date)}` : ''}`).join(' → ')}
        </p>
      )}
      {!ctx.readOnly && (
        <details class="add">
        <summary>{application ? w.recordStep : w.isApplication}</summary>
        <form class="inline" onSubmit={(e) => {
          e.preventDefault();
          void cmd.run(`measures/${measure.measureId}/application`, { step, date, kind, partner: partner.trim() || null }, 'POST', w.applicationRecorded);
        }}>
          <label>{w.applicationStepLabel}
            <select name="step" value={step} onChange={(e) => setStep((e.target as HTMLSelectElement).value)}>
              {steps.map((s) => <option key={s} value={s}>{w.applicationStep(s)}</option>)}
            </select>
          </label>
          <label>{w.date}<input type="date" name="date" value={date} max={today()} onInput={(e) => setDate((e.target as HTMLInputElement).value)} /></label>
          {!application && (
            <>
              <label>{w.applicationKindLabel}
                <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
                  {kinds.map((k) => <option key={k} value={k}>{w.applicationKind(k)}</option>)}
                </select>
              </label>
              <label>{w.partner}<input name="partner" value={partner} onInput={(e) => setPartner((e.target as HTMLInputElement).value)} /></label>
            </>
          )}
          <button type="submit" class="secondary" data-action="application-step" disabled={cmd.busy}>{w.recordStep}</button>
        </form>
        </details>
      )}
      <Outcome message={cmd.message} testId="application-outcome" />
    </div>
  );
}

const askable = ['Municipality', 'Nav', 'Health', 'School', 'Ngo', 'Other'];

/** Ask another agency for information about the person: only under the person's consent to obtain it, which the server checks. */
export function InformationRequest({ ctx }: { ctx: Ctx }) {
  const w = rw();
  const cmd = useCaseCommand(ctx);
  const [from, setFrom] = useState('Health');
  const [what, setWhat] = useState('');
  const consent = ctx.state.consent;
  const given = consent?.scopes.includes('ObtainInformation') ?? false;
  if (ctx.readOnly || ctx.state.members[ctx.me.userId]?.role === 'Person') return null;
  return (
    <section class="card" aria-labelledby="info-h" data-testid="information-request">
      <h2 id="info-h">{w.infoTitle}</h2>
      <p class="small">{given ? w.infoConsentGiven(consent?.ends?.ObtainInformation ? formatDate(consent.ends.ObtainInformation) : null) : w.infoConsentMissing}</p>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); void cmd.run('information-requests', { from, what: what.trim() }, 'POST', w.infoAsked).then((ok) => ok && setWhat('')); }}>
        <label>{w.infoFrom}
          <select name="from" value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
            {askable.map((a) => <option key={a} value={a}>{w.agency(a)}</option>)}
          </select>
        </label>
        <label>{w.infoWhat}<input name="what" value={what} onInput={(e) => setWhat((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" data-action="request-information" disabled={cmd.busy || !what.trim()}>{w.infoAsk}</button>
      </form>
      <Outcome message={cmd.message} testId="information-outcome" />
    </section>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { useStore } from '../hooks';
import { daysUntil, formatDate, formatDateTime, label, needOrder, plain, t } from '../i18n';
import type { AgreementAnswer, CaseState, Meeting, NeedArea } from '../types';
import { Outcome, focusTarget, today, useAction, type AppCtx } from './common';
import { nameOf } from './Meeting';
import { refusalText } from './refusal';
import { ConsentSection, HealthAccessSection, SeenBySection } from './PersonPrivacy';
import { SharingSection } from './Sharing';

/**
 * The person's own view: their plan in plain words, who does what, the release date; their own words, which they edit;
 * whether they agree with the plan as it stands; the group's meetings and minutes; their proposals and when they must
 * be answered; what they have consented to, who sees their health details, and who has seen their plan. "Min plan"
 * prints on paper without the forms.
 */
export function PersonView({ caseId, live, api, me, focus }: AppCtx & { caseId: string; focus?: string | null }) {
  const session = useMemo(() => live.openCase(caseId), [live, caseId]);
  useEffect(() => () => live.closeCase(session), [live, session]);
  useStore(session);
  useStore(live);
  const [area, setArea] = useState('');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = !!session.state;
  useEffect(() => {
    if (loaded && focus) requestAnimationFrame(() => focusTarget(focus));
  }, [loaded, focus]);

  if (session.status === 'ended') return <p role="alert">{t().accessEnded}</p>;
  if (!session.state) return session.status === 'error' ? <p class="error" role="alert">{refusalText(session.cause ?? session.error)}</p> : <p>{t().loading}</p>;
  const s = session.state;
  const release = s.dates.expectedRelease;
  const areas = needOrder.filter((c) => s.needAreas[c] && s.needAreas[c].status !== 'NotAssessed');
  const mine = Object.values(s.proposals).filter((p) => p.authorId === me.userId)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const o = await live.execute(caseId, 'SubmitProposal', { needCode: area || null, text: text.trim() });
      if (o.error) setMessage({ ok: false, text: refusalText(o.error) });
      else { setText(''); setMessage({ ok: true, text: t().proposeSent }); }
    } catch (err) {
      setMessage({ ok: false, text: refusalText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="person" data-testid="my-plan">
      <p class="print-only print-title">{t().printHeading(s.person.displayName, formatDate(today()))}</p>
      <div class="section-head">
        <h1>{t().myPlanTitle}</h1>
        <button type="button" class="secondary no-print" data-action="print" onClick={() => print()}>{t().printPlan}</button>
      </div>
      <p class="lead">{t().myPlanIntro}</p>
      <p class="release" data-testid="release">
        {release ? t().myRelease(formatDate(release), t().daysLeft(daysUntil(release))) : t().myReleaseUnknown}
      </p>
      <p>{t().myContact(nameOf(s, s.coordinatorId))}</p>

      {areas.map((code) => {
        const need = s.needAreas[code];
        const measures = Object.values(s.measures).filter((m) => m.needCodes.includes(code) && m.status !== 'Cancelled');
        const goals = Object.values(s.goals).filter((g) => g.needCode === code);
        return (
          <section class="card plain" key={code} data-need={code}>
            <h2>{label(code)}</h2>
            <p class="plain-status">{plain(need.status)}</p>
            <OwnWords live={live} caseId={caseId} need={need} />
            <p><span class="small">{t().responsible}</span> <strong>{nameOf(s, need.accountableOwnerId)}</strong></p>
            {goals.map((g) => <p key={g.goalId}><span class="small">{t().goalLabel}</span> {g.text}</p>)}
            {measures.length > 0 && (
              <>
                <h3>{t().whatHappens}</h3>
                <ul>
                  {measures.map((m) => (
                    <li key={m.measureId}>
                      {m.what} — <strong>{nameOf(s, m.ownerId)}</strong>{m.due && <>, {t().by} {formatDate(m.due)}</>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        );
      })}

      <Agreement live={live} state={s} />
      <Meetings state={s} />

      <section class="card" aria-labelledby="mine-h">
        <h2 id="mine-h">{t().myProposals}</h2>
        {mine.length === 0 ? <p>{t().noProposals}</p> : (
          <ul class="proposals" data-testid="my-proposals">
            {mine.map((p) => (
              <li key={p.proposalId} data-proposal={p.proposalId} data-status={p.status}>
                «{p.text}»{p.needCode && <> ({label(p.needCode)})</>}
                <div class="answer">
                  {p.answer ? <>{t().answer}: {p.answer} ({label(p.status)})</>
                    : p.answerDue ? <span data-testid="answer-due">{t().waitingAnswerBy(formatDate(p.answerDue))}</span> : t().waitingAnswer}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card no-print" aria-labelledby="propose-h">
        <h2 id="propose-h">{t().proposeTitle}</h2>
        <form class="stack" onSubmit={(e) => void submit(e)}>
          <label for="p-area">{t().proposeArea}</label>
          <select id="p-area" value={area} onChange={(e) => setArea(e.currentTarget.value)}>
            <option value="">{t().proposeAny}</option>
            {needOrder.filter((c) => s.needAreas[c]).map((c) => <option key={c} value={c}>{label(c)}</option>)}
          </select>
          <label for="p-text">{t().proposeText}</label>
          <textarea id="p-text" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <p class="small">{t().proposeAnswerPromise}</p>
          <button type="submit" data-action="send-proposal" disabled={busy || !live.online}>{t().proposeSend}</button>
          {!live.online && <p class="msg" role="status">{t().offlineNote}</p>}
          {message && <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        </form>
      </section>

      <div class="no-print" data-focus-id="consent">
        <ConsentSection live={live} state={s} />
        <SharingSection live={live} state={s} />
        <HealthAccessSection live={live} state={s} />
        <SeenBySection api={api} state={s} me={me.userId} />
      </div>
    </div>
  );
}

/** The person's own words about an area, which they change themselves; the agencies' assessment is left as it is. */
function OwnWords({ live, caseId, need }: { live: AppCtx['live']; caseId: string; need: NeedArea }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(need.ownWords ?? '');
  const action = useAction();
  const id = `own-${need.code}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(() => live.execute(caseId, 'UpdateNeedArea', {
      code: need.code, expectedVersion: need.version, ownWords: text.trim() || null, assessment: need.assessment, status: need.status,
    }), t().ownWordsSaved);
    if (ok) setEditing(false);
  };
  return (
    <div class="own" data-testid="own-words">
      {need.ownWords && !editing && <p><span class="small">{t().youSaid}</span> «{need.ownWords}»</p>}
      {editing ? (
        <form class="stack no-print" onSubmit={(e) => void save(e)}>
          <label for={id}>{t().ownWordsEdit}</label>
          <textarea id={id} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={4000} />
          <div class="buttons">
            <button type="submit" data-action="save-own-words" disabled={action.busy || !live.online}>{t().save}</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>{t().cancel}</button>
          </div>
        </form>
      ) : (
        <button type="button" class="link no-print" data-action="edit-own-words" disabled={!live.online}
          onClick={() => { setText(need.ownWords ?? ''); action.setMessage(null); setEditing(true); }}>
          {need.ownWords ? t().ownWordsChange : t().ownWordsAdd}<span class="sr-only"> – {label(need.code)}</span>
        </button>
      )}
      <Outcome message={action.message} />
    </div>
  );
}

/** Agree, disagree or "could not answer" to the plan as it stands now (its version); the latest answer is shown. */
function Agreement({ live, state }: { live: AppCtx['live']; state: CaseState }) {
  const [answer, setAnswer] = useState<AgreementAnswer>('Agree');
  const [comment, setComment] = useState('');
  const action = useAction();
  const last = [...(state.agreements ?? [])].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
  const changedSince = last && last.planVersion < state.version;
  const send = async (e: Event) => {
    e.preventDefault();
    if (await action.run(() => live.execute(state.caseId, 'RecordAgreement', { planVersion: state.version, answer, comment: comment.trim() || null }), t().agreementSaved)) {
      setComment('');
    }
  };
  return (
    <section class="card" aria-labelledby="agree-h" data-testid="agreement">
      <h2 id="agree-h">{t().agreementTitle}</h2>
      {last ? (
        <p data-testid="agreement-last" data-answer={last.answer}>
          {t().agreementLast(t().agreementAnswer[last.answer], formatDate(last.recordedAt.slice(0, 10)))}
          {last.comment && <> «{last.comment}»</>}
          {changedSince && <> {t().agreementChangedSince}</>}
        </p>
      ) : <p>{t().agreementNone}</p>}
      <form class="stack no-print" onSubmit={(e) => void send(e)}>
        <fieldset class="modes">
          <legend>{t().agreementQuestion}</legend>
          {(['Agree', 'Disagree', 'CouldNotAnswer'] as AgreementAnswer[]).map((a) => (
            <label key={a}><input type="radio" name="agreement" value={a} checked={answer === a} onChange={() => setAnswer(a)} /> {t().agreementAnswer[a]}</label>
          ))}
        </fieldset>
        <label for="agree-comment">{t().agreementComment}</label>
        <input id="agree-comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} maxLength={4000} />
        <button type="submit" data-action="record-agreement" disabled={action.busy || !live.online}>{t().agreementSend}</button>
        <Outcome message={action.message} />
      </form>
    </section>
  );
}

/** The group's meetings: the next ones, and those held with their minutes and decisions. */
function Meetings({ state }: { state: CaseState }) {
  const all = Object.values(state.meetings ?? {}).filter((m) => m.status !== 'Cancelled');
  const coming = all.filter((m) => m.status === 'Scheduled' || m.status === 'Open').sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const held = all.filter((m) => m.status === 'Closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const row = (m: Meeting) => (
    <li key={m.meetingId} data-meeting={m.meetingId} data-status={m.status}>
      <strong>{m.title}</strong> <span class="meta">{formatDateTime(m.scheduledFor)}{m.status === 'Open' && <> · {t().meetingNow}</>}</span>
      {m.status === 'Closed' && (
        <>
          {m.minutes ? <p class="pre minutes-text"><span class="small">{t().minutes}:</span> {m.minutes}</p> : <p class="muted">{t().noMinutes}</p>}
          {m.decisions.length > 0 && (
            <ul>{m.decisions.map((d) => <li key={d.decisionId}>{d.text}</li>)}</ul>
          )}
        </>
      )}
    </li>
  );
  return (
    <section class="card" aria-labelledby="my-meetings-h" data-testid="my-meetings">
      <h2 id="my-meetings-h">{t().meetings}</h2>
      {all.length === 0 ? <p>{t().noMeetings}</p> : (
        <>
          {coming.length > 0 && <><h3>{t().meetingsComing}</h3><ul class="meetings">{coming.map(row)}</ul></>}
          {held.length > 0 && <><h3>{t().meetingsHeld}</h3><ul class="meetings">{held.map(row)}</ul></>}
        </>
      )}
    </section>
  );
}

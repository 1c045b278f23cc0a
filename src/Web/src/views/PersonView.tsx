import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Session } from '../auth';
import { useStore } from '../hooks';
import { daysUntil, formatDate, label, needOrder, plain, t } from '../i18n';
import type { Live } from '../live';
import { nameOf } from './Meeting';
import { refusalText } from './refusal';
import { ConsentSection, HealthAccessSection, SeenBySection } from './PersonPrivacy';

/**
 * The person's own view: their plan in plain words, who does what, the release date, their proposals, what they have
 * consented to, who sees their health details, and who has seen their plan.
 */
export function PersonView({ caseId, live, api, me }: { caseId: string; live: Live; api: Api; me: Session }) {
  const session = useMemo(() => live.openCase(caseId), [live, caseId]);
  useEffect(() => () => live.closeCase(session), [live, session]);
  useStore(session);
  useStore(live);
  const [area, setArea] = useState('');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.status === 'ended') return <p role="alert">{t().accessEnded}</p>;
  if (!session.state) return session.status === 'error' ? <p class="error" role="alert">{session.error}</p> : <p>{t().loading}</p>;
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
    <div class="person">
      <h1>{t().myPlanTitle}</h1>
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
            {need.ownWords && <p><span class="small">{t().youSaid}</span> «{need.ownWords}»</p>}
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

      <section class="card" aria-labelledby="mine-h">
        <h2 id="mine-h">{t().myProposals}</h2>
        {mine.length === 0 ? <p>{t().noProposals}</p> : (
          <ul class="proposals" data-testid="my-proposals">
            {mine.map((p) => (
              <li key={p.proposalId}>
                «{p.text}»{p.needCode && <> ({label(p.needCode)})</>}
                <div class="answer">{p.answer ? <>{t().answer}: {p.answer} ({label(p.status)})</> : t().waitingAnswer}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="propose-h">
        <h2 id="propose-h">{t().proposeTitle}</h2>
        <form class="stack" onSubmit={(e) => void submit(e)}>
          <label for="p-area">{t().proposeArea}</label>
          <select id="p-area" value={area} onChange={(e) => setArea(e.currentTarget.value)}>
            <option value="">{t().proposeAny}</option>
            {needOrder.filter((c) => s.needAreas[c]).map((c) => <option key={c} value={c}>{label(c)}</option>)}
          </select>
          <label for="p-text">{t().proposeText}</label>
          <textarea id="p-text" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" disabled={busy || !live.online}>{t().proposeSend}</button>
          {!live.online && <p class="msg" role="status">{t().offlineNote}</p>}
          {message && <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        </form>
      </section>

      <ConsentSection live={live} state={s} />
      <HealthAccessSection live={live} state={s} />
      <SeenBySection api={api} state={s} me={me.userId} />
    </div>
  );
}

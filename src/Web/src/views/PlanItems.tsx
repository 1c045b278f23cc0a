import { useState } from 'preact/hooks';
import { textOf } from '../conflict';
import { formatDate, label, t } from '../i18n';
import { allowedTransitions } from '../measures';
import type { Goal, Measure, Proposal } from '../types';
import { ApplicationSteps } from './CaseRules';
import { ConflictBox, useVersionedEdit } from './LockedText';
import { nameOf, type Ctx } from './Meeting';
import { useCommand } from './MeetingRoom';
import { Shown } from './Withheld';

/**
 * A goal, editable in place: its text and whether it is achieved, sent against the goal's version. When someone
 * else changed it first, their text shows beside this user's and one click puts this user's on top.
 */
export function GoalItem({ ctx, goal }: { ctx: Ctx; goal: Goal }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(goal.text);
  const [achieved, setAchieved] = useState(goal.achieved);
  // The version the edit started from: a change by someone else meanwhile must come back as a conflict.
  const [base, setBase] = useState(goal.version);
  const edit = useVersionedEdit(textOf('text'), () => setEditing(false));
  const send = (expectedVersion: number) => ctx.live.execute(ctx.state.caseId, 'UpdateGoal', { goalId: goal.goalId, expectedVersion, text: text.trim(), achieved });
  const start = () => { setText(goal.text); setAchieved(goal.achieved); setBase(goal.version); edit.clear(); edit.setMessage(null); setEditing(true); };
  const id = `goal-edit-${goal.goalId}`;
  if (!editing) {
    return (
      <li data-goal={goal.goalId}>
        <span data-testid="goal-text"><Shown text={goal.text} /></span>{goal.achieved && <em> ({t().achieved})</em>}
        {!ctx.readOnly && <button type="button" class="link" data-action="edit-goal" disabled={!ctx.live.online} onClick={start}>
          {t().edit}<span class="sr-only"> {t().editGoal.toLowerCase()}</span></button>}
      </li>
    );
  }
  return (
    <li data-goal={goal.goalId} class="editing-box">
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void edit.save(base, send); }}>
        <label for={id}>{t().editGoal}</label>
        <input id={id} value={text} onInput={(e) => setText(e.currentTarget.value)} required />
        <label><input type="checkbox" checked={achieved} onChange={(e) => setAchieved(e.currentTarget.checked)} /> {t().goalAchieved}</label>
        {!edit.conflict && <button type="submit" data-action="save-goal" disabled={edit.busy || !ctx.live.online}>{t().save}</button>}
        {!edit.conflict && <button type="button" class="secondary" onClick={() => setEditing(false)}>{t().cancel}</button>}
      </form>
      {edit.conflict && <ConflictBox theirs={edit.conflict.theirs} yours={text} busy={edit.busy || !ctx.live.online}
        onRedo={() => void edit.redo(send)} onKeepTheirs={() => { edit.clear(); setEditing(false); }} />}
      {edit.message && <p class="msg refusal" role="alert">{edit.message}</p>}
    </li>
  );
}

/** A measure with the lifecycle moves this user may make; delivering and cancelling ask for a note. */
export function MeasureItem({ ctx, m }: { ctx: Ctx; m: Measure }) {
  const { state } = ctx;
  const moves = ctx.readOnly ? [] : allowedTransitions(m, state, ctx.me.userId);
  const [note, setNote] = useState('');
  const cmd = useCommand(ctx);
  const move = async (to: string, needsNote: boolean) => {
    if (needsNote && !note.trim()) { cmd.setMessage(t().noteRequired); return; }
    if (await cmd.run('ChangeMeasureStatus', { measureId: m.measureId, expectedVersion: m.version, status: to, note: note.trim() || null })) setNote('');
  };
  return (
    <li data-measure={m.measureId} data-status={m.status}>
      <span class="what"><Shown text={m.what} /></span>
      <span class="meta">{nameOf(state, m.ownerId)}{m.due && <> · {t().due} {formatDate(m.due)}</>} · <span data-testid="measure-status">{label(m.status)}</span></span>
      {m.statusNote && <span class="meta"> · <Shown text={m.statusNote} /></span>}
      {moves.length > 0 && (
        <div class="buttons">
          {moves.some((x) => x.needsNote) && (
            <>
              <label for={`note-${m.measureId}`} class="sr-only">{t().statusNote}</label>
              <input id={`note-${m.measureId}`} placeholder={t().statusNote} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </>
          )}
          {moves.map((x) => (
            <button key={x.to} type="button" class={x.to === 'Cancelled' ? 'secondary' : ''} data-action={`measure-${x.to}`}
              disabled={!ctx.live.online} onClick={() => void move(x.to, x.needsNote)}>{t().moveTo(label(x.to))}</button>
          ))}
        </div>
      )}
      <ApplicationSteps ctx={ctx} measure={m} />
      {cmd.shown}
    </li>
  );
}

/** A proposal with its answer; the coordinator or the need area's owner answers: adopt as a measure, or decline. */
export function ProposalItem({ ctx, p }: { ctx: Ctx; p: Proposal }) {
  const { state } = ctx;
  const needOwner = p.needCode ? state.needAreas[p.needCode]?.accountableOwnerId : null;
  const mayAnswer = !ctx.readOnly && p.status === 'Open' && (state.coordinatorId === ctx.me.userId || needOwner === ctx.me.userId);
  return (
    <li data-proposal={p.proposalId} data-status={p.status} data-focus-id={`proposal-${p.proposalId}`}>
      «<Shown text={p.text} />» <span class="meta">{t().proposalFrom} {nameOf(state, p.authorId)} · {label(p.status)}
        {p.status === 'Open' && p.answerDue && <> · {t().answerBy} {formatDate(p.answerDue)}</>}</span>
      {p.answer && <div class="answer">{t().answer}: <Shown text={p.answer} /></div>}
      {mayAnswer && <AnswerForm ctx={ctx} p={p} />}
    </li>
  );
}

function AnswerForm({ ctx, p }: { ctx: Ctx; p: Proposal }) {
  const { state } = ctx;
  const staff = Object.values(state.members).filter((m) => !m.until && m.role !== 'Person');
  const [adopt, setAdopt] = useState(!!p.needCode);
  const [answer, setAnswer] = useState('');
  const [owner, setOwner] = useState((p.needCode && state.needAreas[p.needCode]?.accountableOwnerId) || ctx.me.userId);
  const [due, setDue] = useState('');
  const cmd = useCommand(ctx);
  const id = `ans-${p.proposalId}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!answer.trim()) return;
    await cmd.run('AnswerProposal', { proposalId: p.proposalId, adopt, answer: answer.trim(), measureOwnerId: adopt ? owner : null, due: adopt && due ? due : null });
  };
  return (
    <details class="add">
      <summary>{t().answerProposal}</summary>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <fieldset class="modes">
          <legend class="sr-only">{t().answerProposal}</legend>
          {p.needCode && <label><input type="radio" name={`${id}-adopt`} checked={adopt} onChange={() => setAdopt(true)} /> {t().adopt}</label>}
          <label><input type="radio" name={`${id}-adopt`} checked={!adopt} onChange={() => setAdopt(false)} /> {t().declineProposal}</label>
        </fieldset>
        <label for={`${id}-text`}>{t().answerText}</label>
        <input id={`${id}-text`} value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} required />
        {adopt && (
          <>
            <label for={`${id}-owner`}>{t().measureOwner}</label>
            <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
              {staff.map((m) => <option key={m.userId} value={m.userId}>{m.displayName} ({label(m.role)})</option>)}
            </select>
            <label for={`${id}-due`}>{t().measureDue}</label>
            <input id={`${id}-due`} type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
          </>
        )}
        <button type="submit" data-action="answer-proposal" disabled={!ctx.live.online}>{t().answerProposal}</button>
        {cmd.shown}
      </form>
    </details>
  );
}

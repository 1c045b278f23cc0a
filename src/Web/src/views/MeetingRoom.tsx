import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, label, needOrder, t } from '../i18n';
import type { Agenda, Attendance, Meeting } from '../types';
import { LockedText } from './LockedText';
import { nameOf, type Ctx } from './Meeting';
import { refusalText } from './refusal';

/** Which meeting the room shows: the open one, else the next scheduled, else the last closed. */
export function currentMeeting(meetings: Meeting[]): Meeting | null {
  const open = meetings.find((m) => m.status === 'Open');
  if (open) return open;
  const scheduled = meetings.filter((m) => m.status === 'Scheduled').sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  if (scheduled.length) return scheduled[0];
  const closed = meetings.filter((m) => m.status === 'Closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return closed[0] ?? null;
}

/** Runs a hub command and reports a refusal in plain words; resolves true when it went through. */
export function useCommand(ctx: Ctx) {
  const [message, setMessage] = useState<string | null>(null);
  const run = async (command: string, body: object): Promise<boolean> => {
    setMessage(null);
    try {
      const o = await ctx.live.execute(ctx.state.caseId, command, body);
      if (o.error) { setMessage(refusalText(o.error)); return false; }
      return true;
    } catch (e) {
      setMessage(refusalText(e));
      return false;
    }
  };
  const shown = message && <p class="msg refusal" role="alert" data-testid="refusal"><strong>{t().refused} </strong>{message}</p>;
  return { run, shown, setMessage };
}

/** The meeting itself: schedule, open and close; the agenda; attendance; minutes; decisions that become measures. */
export function MeetingRoom({ ctx }: { ctx: Ctx }) {
  const meetings = Object.values(ctx.state.meetings ?? {});
  const meeting = currentMeeting(meetings);
  const cmd = useCommand(ctx);
  return (
    <section class="card meeting-room" aria-labelledby="meeting-h" data-testid="meeting-room">
      <h2 id="meeting-h">{t().meetings}</h2>
      {meeting ? (
        <article data-meeting={meeting.meetingId} data-status={meeting.status}>
          <h3>{meeting.title}</h3>
          <p class="meta">{formatDateTime(meeting.scheduledFor)} · <strong data-testid="meeting-status">{label(meeting.status)}</strong></p>
          {!ctx.readOnly && (
            <div class="buttons">
              {meeting.status === 'Scheduled' && <button type="button" data-action="open-meeting" disabled={!ctx.live.online}
                onClick={() => void cmd.run('OpenMeeting', { meetingId: meeting.meetingId })}>{t().openMeeting}</button>}
              {meeting.status === 'Open' && <button type="button" data-action="close-meeting" disabled={!ctx.live.online}
                onClick={() => void cmd.run('CloseMeeting', { meetingId: meeting.meetingId })}>{t().closeMeeting}</button>}
            </div>
          )}
          {cmd.shown}
          <AgendaList ctx={ctx} meeting={meeting} />
          <AttendanceList ctx={ctx} meeting={meeting} />
          <Minutes ctx={ctx} meeting={meeting} />
          <Decisions ctx={ctx} meeting={meeting} />
        </article>
      ) : <p class="muted">{t().noMeetings}</p>}
      {!ctx.readOnly && <ScheduleMeeting ctx={ctx} />}
    </section>
  );
}

function AgendaList({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read again when the meeting opens or closes (its agenda is fixed then), not at every edit: each read is audited.
  useEffect(() => {
    let live = true;
    ctx.api.getAgenda(ctx.state.caseId, meeting.meetingId).then(
      (a) => { if (live) { setAgenda(a); setError(null); } },
      (e) => { if (live) setError(refusalText(e)); },
    );
    return () => { live = false; };
  }, [ctx.api, ctx.state.caseId, meeting.meetingId, meeting.status]);
  return (
    <section aria-labelledby="agenda-h">
      <h4 id="agenda-h">{t().agenda}</h4>
      {error && <p class="msg refusal" role="alert">{error}</p>}
      {agenda && (agenda.items.length ? (
        <ol class="agenda" data-testid="agenda" tabIndex={0} aria-labelledby="agenda-h">
          {agenda.items.map((i) => (
            <li key={i.version} data-kind={i.kind}>{ctx.store.named(i.summary)} <span class="meta">— {nameOf(ctx.state, i.actorId)}, {formatDateTime(i.at)}</span></li>
          ))}
        </ol>
      ) : <p class="muted">{t().agendaEmpty}</p>)}
    </section>
  );
}

function AttendanceList({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const members = Object.values(ctx.state.members).filter((m) => !m.until);
  const [who, setWho] = useState(ctx.me.userId in ctx.state.members ? ctx.me.userId : members[0]?.userId ?? '');
  const [how, setHow] = useState<Attendance>(ctx.session.myMode === 'Remote' ? 'Digital' : 'Physical');
  const cmd = useCommand(ctx);
  return (
    <section aria-labelledby="attendance-h">
      <h4 id="attendance-h">{t().attendance}</h4>
      {meeting.attendees.length ? (
        <ul class="attendees" data-testid="attendees">
          {meeting.attendees.map((a) => <li key={a.userId} data-user={a.userId}>{nameOf(ctx.state, a.userId)} — {label(a.attendance)}</li>)}
        </ul>
      ) : <p class="muted">{t().noAttendees}</p>}
      {meeting.status === 'Open' && !ctx.readOnly && (
        <form class="inline" onSubmit={(e) => { e.preventDefault(); void cmd.run('RecordAttendance', { meetingId: meeting.meetingId, userId: who, attendance: how }); }}>
          <label for="att-who">{t().attendee}</label>
          <select id="att-who" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}
          </select>
          {(['Physical', 'Digital'] as Attendance[]).map((a) => (
            <label key={a}><input type="radio" name="att-how" value={a} checked={how === a} onChange={() => setHow(a)} /> {label(a)}</label>
          ))}
          <button type="submit" data-action="record-attendance" disabled={!ctx.live.online}>{t().recordAttendance}</button>
        </form>
      )}
      {cmd.shown}
    </section>
  );
}

function Minutes({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const view = (children?: ComponentChildren) => (
    <div class="minutes">
      <h4>{t().minutes}</h4>
      <p data-testid="minutes" class="pre">{meeting.minutes ?? <span class="muted">{t().noMinutes}</span>}</p>
      {children}
    </div>
  );
  if (ctx.readOnly || meeting.status !== 'Open') return view();
  return (
    <LockedText live={ctx.live} session={ctx.session} caseId={ctx.state.caseId} myUserId={ctx.me.userId}
      field={`meeting:${meeting.meetingId}:minutes`} title={t().minutes} text={meeting.minutes} version={meeting.minutesVersion}
      conflictField="minutes" name="minutes" inputId={`minutes-${meeting.meetingId}`} editHint={t().minutes.toLowerCase()}
      send={(text, expectedVersion) => ctx.live.execute(ctx.state.caseId, 'EditMinutes', { meetingId: meeting.meetingId, expectedVersion, text })}
      view={view} />
  );
}

function Decisions({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const { state } = ctx;
  return (
    <section aria-labelledby="decisions-h">
      <h4 id="decisions-h">{t().decisions}</h4>
      {meeting.decisions.length ? (
        <ol class="decisions" data-testid="decisions">
          {meeting.decisions.map((d) => {
            const m = state.measures[d.measureId];
            return (
              <li key={d.decisionId}>{d.text}
                {m && <span class="meta"> — {t().becameMeasure}: {nameOf(state, m.ownerId)} · {label(m.status)}</span>}
              </li>
            );
          })}
        </ol>
      ) : <p class="muted">{t().noDecisions}</p>}
      {meeting.status === 'Open' && !ctx.readOnly && <DecisionForm ctx={ctx} meeting={meeting} />}
    </section>
  );
}

function DecisionForm({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) {
  const { state } = ctx;
  const members = Object.values(state.members).filter((m) => !m.until && m.role !== 'Person');
  const codes = needOrder.filter((c) => state.needAreas[c]);
  const [text, setText] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [owner, setOwner] = useState(ctx.me.userId in state.members ? ctx.me.userId : members[0]?.userId ?? '');
  const [due, setDue] = useState('');
  const cmd = useCommand(ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    // Every decision becomes a measure with an owner and a date.
    if (!text.trim() || !due) return;
    const ok = await cmd.run('RecordDecision', { meetingId: meeting.meetingId, text: text.trim(), needCodes: needs, ownerId: owner, due });
    if (ok) { setText(''); setNeeds([]); setDue(''); }
  };
  const toggle = (code: string) => setNeeds(needs.includes(code) ? needs.filter((c) => c !== code) : [...needs, code]);
  return (
    <form class="grid-form" onSubmit={(e) => void submit(e)} data-testid="decision-form">
      <label for="dec-text">{t().decisionText}</label>
      <input id="dec-text" value={text} onInput={(e) => setText(e.currentTarget.value)} required />
      <fieldset class="needs">
        <legend>{t().decisionNeeds}</legend>
        {codes.map((c) => <label key={c}><input type="checkbox" value={c} checked={needs.includes(c)} onChange={() => toggle(c)} /> {label(c)}</label>)}
      </fieldset>
      <label for="dec-owner">{t().decisionOwner}</label>
      <select id="dec-owner" value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
        {members.map((m) => <option key={m.userId} value={m.userId}>{m.displayName} ({label(m.role)})</option>)}
      </select>
      <label for="dec-due">{t().decisionDue}</label>
      <input id="dec-due" type="date" required value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      <button type="submit" data-action="record-decision" disabled={!ctx.live.online}>{t().recordDecision}</button>
      {cmd.shown}
    </form>
  );
}

/** `datetime-local` value for an hour from now, in the browser's zone. */
function inAnHour(): string {
  const d = new Date(Date.now() + 3600000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

function ScheduleMeeting({ ctx }: { ctx: Ctx }) {
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState(inAnHour());
  const cmd = useCommand(ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim() || !when) return;
    if (await cmd.run('ScheduleMeeting', { scheduledFor: new Date(when).toISOString(), title: title.trim() })) setTitle('');
  };
  return (
    <details class="add">
      <summary>{t().scheduleMeeting}</summary>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <label for="meet-title">{t().meetingTitle}</label>
        <input id="meet-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} required />
        <label for="meet-when">{t().meetingWhen}</label>
        <input id="meet-when" type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} required />
        <button type="submit" data-action="schedule-meeting" disabled={!ctx.live.online}>{t().scheduleMeeting}</button>
        {cmd.shown}
      </form>
    </details>
  );
}

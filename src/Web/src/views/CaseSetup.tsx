import { useEffect, useState } from 'preact/hooks';
import { needAreas } from '../catalogue';
import { formatDate, label, t } from '../i18n';
import type { KeyDates, StaffEntry } from '../types';
import { InformationRequest } from './CaseRules';
import { DatesFields, datesBody } from './DatesFields';
import { nameOf, type Ctx } from './Meeting';
import { Outcome, memberRoles, newId, roleForAgency, unitName, useCaseCommand } from './common';

/**
 * Phases a case may move to from each phase (the server's rule), but for leaving prison: that goes through the release
 * gate on the time tab.
 */
const phaseMoves: Record<string, string[]> = {
  Summoned: ['Intake', 'Community', 'Closed'],
  Intake: ['Serving'],
  Serving: [],
  Community: ['Serving'],
  Released: ['Aftercare', 'Closed'],
  Aftercare: ['Closed'],
  Closed: [],
};

/**
 * Setting a case up and keeping it right: the ansvarsgruppe (picked from the units' staff), the need areas with their
 * accountable owners, the key dates, the phase, the unit holding the case and the home municipality.
 */
export function CaseSetup({ ctx }: { ctx: Ctx }) {
  return (
    <div class="setup-grid" data-testid="case-setup">
      <Members ctx={ctx} />
      <Needs ctx={ctx} />
      <Dates ctx={ctx} />
      <PhaseAndHome ctx={ctx} />
      <InformationRequest ctx={ctx} />
    </div>
  );
}

function Members({ ctx }: { ctx: Ctx }) {
  const { state } = ctx;
  const active = Object.values(state.members).filter((m) => !m.until)
    .sort((a, b) => Number(b.role === 'Person') - Number(a.role === 'Person') || a.displayName.localeCompare(b.displayName, 'nb'));
  const hasPerson = active.some((m) => m.role === 'Person');
  const cmd = useCaseCommand(ctx);
  const mayManage = state.coordinatorId === ctx.me.userId;
  return (
    <section class="card" aria-labelledby="setup-members-h" data-focus-id="members" data-testid="setup-members">
      <h2 id="setup-members-h">{t().members}</h2>
      <ul class="people">
        {active.map((m) => (
          <li key={m.userId} data-member={m.displayName} data-role={m.role}>
            <div>
              <strong>{m.displayName}</strong> <span class="meta">{label(m.role)}</span>
              {m.userId === state.coordinatorId && <span class="tag">{t().coordinator}</span>}
              <span class="small">
                {m.role === 'Person' ? t().thePerson : m.unitId ? unitName(ctx.store, m.unitId) : label(m.agency)}
                {m.deputyUserId && <> · {t().deputy}: {nameOf(state, m.deputyUserId)}</>}
              </span>
            </div>
            {mayManage && m.role !== 'Person' && m.userId !== ctx.me.userId && (
              <button type="button" class="secondary" disabled={cmd.busy} onClick={() => void cmd.run(`members/${encodeURIComponent(m.userId)}/end`, { until: null }, 'POST', t().memberEnded(m.displayName))}>
                {t().endMembership}<span class="sr-only"> – {m.displayName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <Outcome message={cmd.message} />
      {!hasPerson && (
        <p>
          <button type="button" data-action="add-person" disabled={cmd.busy}
            onClick={() => void cmd.run('members', { userId: newId('p', state.person.displayName), displayName: state.person.displayName, role: 'Person', agency: 'Person', unitId: null, from: null })}>
            {t().addThePerson(state.person.displayName)}
          </button>
        </p>
      )}
      <AddMember ctx={ctx} />
    </section>
  );
}

/** Add a member by picking a unit from the directory, then one of its staff. */
function AddMember({ ctx }: { ctx: Ctx }) {
  const { state, store } = ctx;
  const units = store.allUnits;
  const [unitId, setUnitId] = useState('');
  const [staff, setStaff] = useState<StaffEntry[] | null>(null);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const cmd = useCaseCommand(ctx);
  const unit = units.find((u) => u.unitId === unitId);
  useEffect(() => {
    setUserId('');
    setStaff(null);
    if (!unitId) return;
    setRole(roleForAgency(unit?.agency));
    ctx.api.directoryStaff(unitId).then(setStaff, () => setStaff([]));
  }, [unitId]);
  const current = new Set(Object.values(state.members).filter((m) => !m.until).map((m) => m.userId));
  const choices = (staff ?? []).filter((s) => !current.has(s.userId));
  const person = choices.find((s) => s.userId === userId);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!unit || !person) return;
    if (await cmd.run('members', { userId: person.userId, displayName: person.name, role, agency: unit.agency, unitId: unit.unitId, from: null }, 'POST', t().memberAdded(person.name))) {
      setUserId('');
    }
  };
  const agencies = [...new Set(units.map((u) => u.agency))];
  return (
    <form class="grid-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-member-h" data-testid="add-member">
      <h3 id="add-member-h" class="span">{t().addMember}</h3>
      <label for="am-unit">{t().memberUnit}</label>
      <select id="am-unit" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} required>
        <option value="">{t().choose}</option>
        {agencies.map((a) => (
          <optgroup key={a} label={t().unitKindName[a] ?? a}>
            {units.filter((u) => u.agency === a).map((u) => (
              <option key={u.unitId} value={u.unitId}>{u.name}{u.municipality ? ` (${u.municipality})` : ''}</option>
            ))}
          </optgroup>
        ))}
      </select>
      <label for="am-person">{t().memberWho}</label>
      <select id="am-person" value={userId} onChange={(e) => setUserId(e.currentTarget.value)} required disabled={!unitId}>
        <option value="">{!unitId ? t().chooseUnitFirst : staff === null ? t().loading : choices.length === 0 ? t().noMoreStaff : t().choose}</option>
        {choices.map((s) => <option key={s.userId} value={s.userId}>{s.name}{s.isLeader ? ` (${t().leader})` : ''}</option>)}
      </select>
      <label for="am-role">{t().memberRole}</label>
      <select id="am-role" value={role} onChange={(e) => setRole(e.currentTarget.value)} disabled={!unitId}>
        {!role && <option value="">—</option>}
        {memberRoles.map((r) => <option key={r} value={r}>{label(r)}</option>)}
      </select>
      <button type="submit" data-action="add-member" disabled={cmd.busy || !person}>{t().addMember}</button>
      <Outcome message={cmd.message} testId="member-outcome" />
    </form>
  );
}

function Needs({ ctx }: { ctx: Ctx }) {
  const { state } = ctx;
  const owners = Object.values(state.members).filter((m) => !m.until && m.role !== 'Person');
  return (
    <section class="card" aria-labelledby="setup-needs-h" data-testid="setup-needs">
      <h2 id="setup-needs-h">{t().needsTitle}</h2>
      <p class="small">{t().needsIntro}</p>
      <ul class="needs-setup">
        {needAreas.filter((d) => state.needAreas[d.code]).map((d) => {
          const need = state.needAreas[d.code];
          return need.status === 'NotAssessed'
            ? <IdentifyRow key={d.code} ctx={ctx} code={d.code} critical={d.criticalForRelease} owners={owners} />
            : (
              <li key={d.code} data-need={d.code} data-status={need.status}>
                <strong>{label(d.code)}</strong>{d.criticalForRelease && <span class="tag">{t().critical}</span>}
                <span class="small">{label(need.status)} · {t().owner}: {nameOf(state, need.accountableOwnerId)}</span>
              </li>
            );
        })}
      </ul>
    </section>
  );
}

function IdentifyRow({ ctx, code, critical, owners }: { ctx: Ctx; code: string; critical: boolean; owners: { userId: string; displayName: string; role: string }[] }) {
  const [owner, setOwner] = useState('');
  const [words, setWords] = useState('');
  const cmd = useCaseCommand(ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!owner) return;
    await cmd.run(`needs/${encodeURIComponent(code)}/identify`, { ownerId: owner, ownWords: words.trim() || null, assessment: null }, 'POST', null);
  };
  return (
    <li data-need={code} data-status="NotAssessed">
      <form class="identify" onSubmit={(e) => void submit(e)}>
        <div class="need-name"><strong>{label(code)}</strong>{critical && <span class="tag">{t().critical}</span>}</div>
        <div>
          <label for={`id-owner-${code}`}>{t().owner}</label>
          <select id={`id-owner-${code}`} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} required>
            <option value="">{t().choose}</option>
            {owners.map((m) => <option key={m.userId} value={m.userId}>{m.displayName} ({label(m.role)})</option>)}
          </select>
        </div>
        <div>
          <label for={`id-words-${code}`}>{t().ownWordsOptional}</label>
          <input id={`id-words-${code}`} value={words} onInput={(e) => setWords(e.currentTarget.value)} maxLength={4000} />
        </div>
        <button type="submit" data-action="identify" disabled={cmd.busy || !owner}>{t().identify}<span class="sr-only"> – {label(code)}</span></button>
      </form>
      <Outcome message={cmd.message} />
    </li>
  );
}

function Dates({ ctx }: { ctx: Ctx }) {
  const { state } = ctx;
  const [dates, setDates] = useState<KeyDates>(state.dates);
  const [base, setBase] = useState(state.datesVersion);
  const cmd = useCaseCommand(ctx);
  // Someone else changed the dates while this form was untouched: show theirs.
  const untouched = JSON.stringify(datesBody(dates)) === JSON.stringify(datesBody(state.dates));
  useEffect(() => {
    if (untouched || base === state.datesVersion) return;
    setDates(state.dates);
    setBase(state.datesVersion);
  }, [state.datesVersion]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await cmd.run('dates', { dates: datesBody(dates), expectedVersion: base }, 'PUT', t().datesSaved)) setBase(state.datesVersion);
  };
  const pending = (state as { pendingDateAcknowledgements?: string[] }).pendingDateAcknowledgements ?? [];
  return (
    <section class="card" aria-labelledby="setup-dates-h" data-testid="setup-dates">
      <h2 id="setup-dates-h">{t().keyDates}</h2>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <DatesFields prefix="kd" dates={dates} onChange={setDates} plain />
        <button type="submit" data-action="save-dates" disabled={cmd.busy}>{t().saveDates}</button>
        {base !== state.datesVersion && !untouched && <p class="msg span" role="status">{t().datesChangedMeanwhile}</p>}
        <Outcome message={cmd.message} testId="dates-outcome" />
      </form>
      {pending.length > 0 && (
        <p class="small" data-testid="pending-acks">{t().datesNotAcknowledgedBy(pending.map((u) => nameOf(state, u)).join(', '))}</p>
      )}
    </section>
  );
}

function PhaseAndHome({ ctx }: { ctx: Ctx }) {
  const { state, store } = ctx;
  const moves = phaseMoves[state.phase] ?? [];
  const [phase, setPhase] = useState('');
  const [unit, setUnit] = useState('');
  const [home, setHome] = useState(state.home.registeredUnitId ?? '');
  const cmd = useCaseCommand(ctx);
  const municipalities = store.allUnits.filter((u) => u.agency === 'Municipality');
  const holders = store.allUnits.filter((u) => u.agency === 'Prison' || u.agency === 'Friomsorg' || u.agency === 'Municipality');
  return (
    <section class="card" aria-labelledby="setup-phase-h" data-testid="setup-phase">
      <h2 id="setup-phase-h">{t().phaseAndHome}</h2>
      <p>{t().phase}: <strong>{label(state.phase)}</strong>{state.releasedOn && <> · {t().releasedOn(formatDate(state.releasedOn))}</>}</p>
      {moves.length > 0 && (
        <form class="inline" onSubmit={(e) => { e.preventDefault(); if (phase) void cmd.run('phase', { phase }, 'PUT'); }}>
          <label for="ph-next">{t().movePhase}</label>
          <select id="ph-next" value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
            <option value="">{t().choose}</option>
            {moves.map((p) => <option key={p} value={p}>{label(p)}</option>)}
          </select>
          <button type="submit" disabled={cmd.busy || !phase}>{t().save}</button>
        </form>
      )}
      <p class="small">{t().releaseOnTimeTab}</p>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (unit) void cmd.run('unit', { toUnitId: unit }, 'PUT'); }}>
        <label for="ph-unit">{t().moveCaseTo}</label>
        <select id="ph-unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
          <option value="">{unitName(store, state.currentUnitId)}</option>
          {holders.filter((u) => u.unitId !== state.currentUnitId).map((u) => <option key={u.unitId} value={u.unitId}>{u.name}</option>)}
        </select>
        <button type="submit" disabled={cmd.busy || !unit}>{t().save}</button>
      </form>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (home) void cmd.run('home', { home: { registeredUnitId: home, intendedUnitId: null, disputed: false } }, 'PUT'); }}>
        <label for="ph-home">{t().homeMunicipality}</label>
        <select id="ph-home" value={home} onChange={(e) => setHome(e.currentTarget.value)}>
          {municipalities.map((u) => <option key={u.unitId} value={u.unitId}>{u.name}</option>)}
        </select>
        <button type="submit" disabled={cmd.busy || !home || home === state.home.registeredUnitId}>{t().save}</button>
      </form>
      <Outcome message={cmd.message} />
    </section>
  );
}

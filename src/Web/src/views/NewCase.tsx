import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../hooks';
import { label, t } from '../i18n';
import { caseHref } from '../route';
import type { KeyDates, UnitRef } from '../types';
import { DatesFields, emptyDates, datesBody } from './DatesFields';
import { Outcome, newId, roleForAgency, memberRoles, useAction, type AppCtx } from './common';

const phases = ['Summoned', 'Intake', 'Serving', 'Community'];

/**
 * Open a case at one of my units: the person's name, where they will live (a municipality from the directory), the
 * key dates as far as they are known. The person joins their own group at once, so they can sign in to their plan.
 */
export function NewCase(ctx: AppCtx) {
  const { api, store } = ctx;
  useStore(store);
  const units = store.me?.units ?? [];
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState('');
  const [phase, setPhase] = useState('Serving');
  const [home, setHome] = useState('');
  const [dates, setDates] = useState<KeyDates>(emptyDates);
  const [municipalities, setMunicipalities] = useState<UnitRef[] | null>(null);
  const action = useAction();
  useEffect(() => {
    api.directoryUnits({ agency: 'Municipality' }).then((u) => { setMunicipalities(u); store.remember(u); }, () => setMunicipalities([]));
  }, [api]);
  const unit = units.find((u) => u.unitId === unitId) ?? units[0];
  useEffect(() => { if (unit) setRole(roleForAgency(unit.agency)); }, [unit?.unitId]);

  if (store.loaded && units.length === 0) return <p role="alert">{t().newCaseNoUnit}</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim() || !unit || !home) return;
    const person = newId('p', name);
    let caseId = '';
    const opened = await action.run(async () => {
      caseId = await api.openCase({
        person: { pseudonymId: person, displayName: name.trim() }, phase, unitId: unit.unitId,
        home: { registeredUnitId: home, intendedUnitId: null, disputed: false }, dates: datesBody(dates), creatorRole: role || roleForAgency(unit.agency),
      });
    }, null);
    if (!opened) return;
    // The person is a member of their own group: added at once, so they see their plan.
    await action.run(() => api.command(caseId, 'members', {
      userId: person, displayName: name.trim(), role: 'Person', agency: 'Person', unitId: null, from: null,
    }), null);
    location.hash = caseHref(caseId, 'setup');
  };
  return (
    <div class="new-case">
      <h1>{t().newCase}</h1>
      <p class="lead">{t().newCaseIntro}</p>
      <form class="card grid-form" onSubmit={(e) => void submit(e)} data-testid="new-case">
        <label for="nc-name">{t().personName}</label>
        <input id="nc-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} autoComplete="off" />
        <label for="nc-unit">{t().newCaseUnit}</label>
        <select id="nc-unit" value={unit?.unitId ?? ''} onChange={(e) => setUnitId(e.currentTarget.value)}>
          {units.map((u) => <option key={u.unitId} value={u.unitId}>{u.name}</option>)}
        </select>
        <label for="nc-role">{t().myRole}</label>
        <select id="nc-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          {memberRoles.map((r) => <option key={r} value={r}>{label(r)}</option>)}
        </select>
        <label for="nc-phase">{t().phase}</label>
        <select id="nc-phase" value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
          {phases.map((p) => <option key={p} value={p}>{label(p)}</option>)}
        </select>
        <label for="nc-home">{t().homeMunicipality}</label>
        {municipalities === null ? <span>{t().loading}</span> : municipalities.length === 0 ? (
          <span class="msg refusal" role="alert">{t().noMunicipalities}</span>
        ) : (
          <select id="nc-home" value={home} onChange={(e) => setHome(e.currentTarget.value)} required>
            <option value="">{t().choose}</option>
            {[...municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nb')).map((m) => (
              <option key={m.unitId} value={m.unitId}>{m.name}{m.municipality && m.municipality !== m.name ? ` (${m.municipality})` : ''}</option>
            ))}
          </select>
        )}
        <DatesFields prefix="nc" dates={dates} onChange={setDates} />
        <button type="submit" data-action="open-case" disabled={action.busy || !municipalities?.length}>{t().openCaseButton}</button>
        <Outcome message={action.message} />
      </form>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../hooks';
import { t } from '../i18n';
import type { DirectoryPerson, UnitRef, UnitView } from '../types';
import { Outcome, newId, unitAgencies, useAction, type AppCtx } from './common';

/**
 * The administrator's page: the units (prisons, friomsorg offices, municipalities, NAV offices, health services …)
 * with their municipality, and who works at each (name, leader, e-mail). Nothing here asks for an id: new units and
 * staff get theirs from their names.
 */
export function Admin(ctx: AppCtx) {
  const { api, store } = ctx;
  useStore(store);
  const [units, setUnits] = useState<UnitRef[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const reload = async (select?: string) => {
    try {
      const list = await api.directoryUnits();
      setUnits(list);
      store.remember(list);
      setError(null);
      if (select) setSelected(select);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => { void reload(); }, [api]);

  if (store.loaded && !store.me?.isAdmin) return <p role="alert">{t().adminOnly}</p>;
  const municipalities = [...new Set((units ?? []).map((u) => u.municipality).filter((m): m is string => !!m))].sort((a, b) => a.localeCompare(b, 'nb'));
  const chosen = units?.find((u) => u.unitId === selected) ?? null;
  return (
    <div class="admin">
      <h1>{t().adminTitle}</h1>
      <p class="lead">{t().adminIntro}</p>
      <div class="admin-grid">
        <section class="card" aria-labelledby="units-h" data-testid="units">
          <h2 id="units-h">{t().unitsTitle}</h2>
          {error ? <p class="error" role="alert">{t().unitsFailed}</p> : !units ? <p>{t().loading}</p> : units.length === 0 ? (
            <p class="muted" data-testid="no-units">{t().unitsEmpty}</p>
          ) : (
            <table class="units-table">
              <caption class="sr-only">{t().unitsTitle}</caption>
              <thead><tr><th scope="col">{t().unitName}</th><th scope="col">{t().unitKind}</th><th scope="col">{t().unitMunicipality}</th><th scope="col"><span class="sr-only">{t().staffTitle}</span></th></tr></thead>
              <tbody>
                {[...units].sort((a, b) => a.name.localeCompare(b.name, 'nb')).map((u) => (
                  <tr key={u.unitId} data-unit={u.name} aria-current={u.unitId === selected ? 'true' : undefined}>
                    <th scope="row">{u.name}</th>
                    <td>{t().unitKindName[u.agency] ?? u.agency}</td>
                    <td>{u.municipality ?? '—'}</td>
                    <td><button type="button" class="secondary" data-action="staff" onClick={() => setSelected(u.unitId)}>
                      {t().staffOf}<span class="sr-only"> {u.name}</span></button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <NewUnit ctx={ctx} municipalities={municipalities} onDefined={(id) => void reload(id)} />
        </section>
        {chosen && <StaffPanel key={chosen.unitId} ctx={ctx} unit={chosen} onChanged={() => void reload(chosen.unitId)} />}
      </div>
      <datalist id="municipalities">{municipalities.map((m) => <option key={m} value={m} />)}</datalist>
    </div>
  );
}

function NewUnit({ ctx, municipalities, onDefined }: { ctx: AppCtx; municipalities: string[]; onDefined: (unitId: string) => void }) {
  const [name, setName] = useState('');
  const [agency, setAgency] = useState('Prison');
  const [municipality, setMunicipality] = useState(municipalities.length === 1 ? municipalities[0] : '');
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    const unitId = newId('unit', name);
    if (await action.run(() => ctx.api.defineUnit(unitId, { name: name.trim(), agency, municipality: municipality.trim() || null }), t().unitDefined(name.trim()))) {
      setName('');
      onDefined(unitId);
    }
  };
  return (
    <form class="grid-form" onSubmit={(e) => void submit(e)} data-testid="new-unit" aria-labelledby="new-unit-h">
      <h3 id="new-unit-h" class="span">{t().newUnit}</h3>
      <label for="unit-name">{t().unitName}</label>
      <input id="unit-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
      <label for="unit-kind">{t().unitKind}</label>
      <select id="unit-kind" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
        {unitAgencies.map((a) => <option key={a} value={a}>{t().unitKindName[a]}</option>)}
      </select>
      <label for="unit-municipality">{t().unitMunicipality}</label>
      <input id="unit-municipality" list="municipalities" value={municipality} onInput={(e) => setMunicipality(e.currentTarget.value)} maxLength={200}
        aria-describedby="unit-municipality-hint" />
      <span id="unit-municipality-hint" class="small span">{t().unitMunicipalityHint}</span>
      <button type="submit" data-action="define-unit" disabled={action.busy}>{t().defineUnit}</button>
      <Outcome message={action.message} />
    </form>
  );
}

function StaffPanel({ ctx, unit, onChanged }: { ctx: AppCtx; unit: UnitRef; onChanged: () => void }) {
  const [view, setView] = useState<UnitView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    try {
      setView(await ctx.api.getUnit(unit.unitId));
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => { void load(); }, [unit.unitId]);
  const action = useAction();
  const change = async (userId: string, body: { displayName: string; isLeader: boolean; email: string | null }) => {
    if (await action.run(() => ctx.api.setStaff(unit.unitId, userId, body))) void load();
  };
  const remove = async (userId: string, name: string) => {
    if (await action.run(() => ctx.api.removeStaff(unit.unitId, userId), t().staffRemoved(name))) void load();
  };
  const staff = [...(view?.staff ?? [])].sort((a, b) => Number(b.isLeader) - Number(a.isLeader) || a.displayName.localeCompare(b.displayName, 'nb'));
  return (
    <section class="card" aria-labelledby="staff-h" data-testid="staff" data-unit={unit.name}>
      <h2 id="staff-h">{t().staffAt(unit.name)}</h2>
      <p class="meta">{t().unitKindName[unit.agency] ?? unit.agency}{unit.municipality && <> · {unit.municipality}</>}</p>
      {error ? <p class="error" role="alert">{t().staffFailed}</p> : !view ? <p>{t().loading}</p> : staff.length === 0 ? (
        <p class="muted">{t().staffEmpty}</p>
      ) : (
        <ul class="people staff-list">
          {staff.map((s) => (
            <li key={s.userId} data-staff={s.displayName}>
              <div>
                <strong>{s.displayName}</strong>{s.isLeader && <span class="tag">{t().leader}</span>}
                <span class="small">{s.email ?? t().noEmail}</span>
              </div>
              <div class="buttons">
                <button type="button" class="secondary" disabled={action.busy}
                  onClick={() => void change(s.userId, { displayName: s.displayName, isLeader: !s.isLeader, email: s.email ?? null })}>
                  {s.isLeader ? t().unmakeLeader : t().makeLeader}<span class="sr-only"> – {s.displayName}</span>
                </button>
                <button type="button" class="secondary" disabled={action.busy} onClick={() => void remove(s.userId, s.displayName)}>
                  {t().removeStaff}<span class="sr-only"> – {s.displayName}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Outcome message={action.message} />
      <AddStaff ctx={ctx} unit={unit} onAdded={() => void load()} />
      <EditUnit ctx={ctx} unit={unit} onChanged={onChanged} />
    </section>
  );
}

function AddStaff({ ctx, unit, onAdded }: { ctx: AppCtx; unit: UnitRef; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [leader, setLeader] = useState(false);
  const [existing, setExisting] = useState<DirectoryPerson | null>(null);
  const [matches, setMatches] = useState<DirectoryPerson[]>([]);
  const [loginId, setLoginId] = useState('');
  const action = useAction();
  // Someone who already works elsewhere keeps who they are: offer them as the name is typed.
  useEffect(() => {
    if (existing || name.trim().length < 2) { setMatches([]); return undefined; }
    const timer = setTimeout(() => {
      ctx.api.directoryPeople(name.trim()).then(setMatches, () => setMatches([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [name, existing]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    const userId = existing?.userId ?? (loginId.trim() || newId('u', name));
    const shown = name.trim();
    if (await action.run(() => ctx.api.setStaff(unit.unitId, userId, { displayName: shown, isLeader: leader, email: email.trim() || null }), t().staffAdded(shown))) {
      setName('');
      setEmail('');
      setLeader(false);
      setExisting(null);
      setLoginId('');
      onAdded();
    }
  };
  return (
    <form class="grid-form" onSubmit={(e) => void submit(e)} data-testid="add-staff" aria-labelledby="add-staff-h">
      <h3 id="add-staff-h" class="span">{t().addStaff}</h3>
      <label for="staff-name">{t().staffName}</label>
      <input id="staff-name" value={name} required maxLength={200} autoComplete="off"
        onInput={(e) => { setName(e.currentTarget.value); setExisting(null); }} aria-describedby="staff-existing" />
      <div id="staff-existing" class="span" aria-live="polite">
        {existing ? <p class="small">{t().staffExisting(existing.name, existing.units.map((u) => u.name).join(', '))}</p>
          : matches.length > 0 && (
            <ul class="choices" aria-label={t().staffMatches}>
              {matches.slice(0, 5).map((p) => (
                <li key={p.userId}>
                  <button type="button" class="link" onClick={() => { setExisting(p); setName(p.name); setMatches([]); }}>
                    {t().staffUseExisting(p.name, p.units.map((u) => u.name).join(', '))}
                  </button>
                </li>
              ))}
            </ul>
          )}
      </div>
      <label for="staff-email">{t().staffEmail}</label>
      <input id="staff-email" type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} maxLength={200} autoComplete="off" />
      <span class="span"><label><input id="staff-leader" type="checkbox" checked={leader} onChange={(e) => setLeader(e.currentTarget.checked)} /> {t().staffLeader}</label></span>
      {!existing && (
        <details class="span">
          <summary>{t().staffLoginSummary}</summary>
          <label for="staff-login">{t().staffLogin}</label>
          <input id="staff-login" value={loginId} onInput={(e) => setLoginId(e.currentTarget.value)} pattern="[A-Za-z0-9._\-]{1,64}" aria-describedby="staff-login-hint" />
          <span id="staff-login-hint" class="small">{t().staffLoginHint}</span>
        </details>
      )}
      <button type="submit" data-action="add-staff" disabled={action.busy}>{t().addStaff}</button>
      <Outcome message={action.message} />
    </form>
  );
}

function EditUnit({ ctx, unit, onChanged }: { ctx: AppCtx; unit: UnitRef; onChanged: () => void }) {
  const [name, setName] = useState(unit.name);
  const [municipality, setMunicipality] = useState(unit.municipality ?? '');
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await action.run(() => ctx.api.defineUnit(unit.unitId, { name: name.trim(), agency: unit.agency, municipality: municipality.trim() || null }))) onChanged();
  };
  return (
    <details class="add">
      <summary>{t().editUnit}</summary>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <label for="edit-unit-name">{t().unitName}</label>
        <input id="edit-unit-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        <label for="edit-unit-municipality">{t().unitMunicipality}</label>
        <input id="edit-unit-municipality" list="municipalities" value={municipality} onInput={(e) => setMunicipality(e.currentTarget.value)} maxLength={200} />
        <button type="submit" disabled={action.busy}>{t().save}</button>
        <Outcome message={action.message} />
      </form>
    </details>
  );
}

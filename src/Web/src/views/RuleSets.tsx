// Rule sets published, not edited in source (domain §7): the sets known and the one in force, a draft tried against
// every case in a dry run that says how many cases and deadlines it changes, and published with an effective date.
// For national administrators of the rule sets (role casegrid-rules); the server decides who may.
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { formatDate, formatDateTime } from '../i18n';
import { rsw } from '../rulesWords';
import { Outcome, useAction } from './common';

interface RuleSetSummary { version: string; effectiveFrom: string | null; origin: string; publishedByName: string; publishedAt: string | null; note: string | null }
interface RuleSetList { inForce: string; sets: RuleSetSummary[] }
interface DryRunReport {
  dryRunId: string; version: string; effectiveFrom: string; comparedWith: string; state: 'Running' | 'Finished' | 'Failed';
  cases: number; casesCompared: number; casesChanged: number; deadlinesChanged: number; byRule: Record<string, number>; error: string | null;
}

function tomorrow(): string {
  const d = new Date(Date.now() + 86400000);
  return d.toISOString().slice(0, 10);
}

export function RuleSets({ api }: { api: Api }) {
  const w = rsw();
  const [list, setList] = useState<RuleSetList | null>(null);
  const [draft, setDraft] = useState('');
  const [effective, setEffective] = useState(tomorrow());
  const [note, setNote] = useState('');
  const [report, setReport] = useState<DryRunReport | null>(null);
  const action = useAction();

  const load = async () => {
    const l = await api.ruleSets() as RuleSetList;
    setList(l);
    if (!draft) {
      const doc = await api.ruleSet(l.inForce);
      setDraft(JSON.stringify(doc, null, 2));
    }
  };
  useEffect(() => { void action.run(load, null); }, []);

  // A dry run goes on in the background: read it again until it has finished.
  useEffect(() => {
    if (!report || report.state !== 'Running') return;
    const timer = setTimeout(() => {
      void api.dryRun(report.dryRunId).then((r) => setReport(r as DryRunReport), () => undefined);
    }, 700);
    return () => clearTimeout(timer);
  }, [report]);

  const dryRun = () => action.run(async () => {
    const document = JSON.parse(draft) as unknown;
    setReport(await api.startDryRun({ document, effectiveFrom: effective, note: note.trim() || null }) as DryRunReport);
  }, w.dryRunStarted);
  const publish = () => action.run(async () => {
    await api.publishRuleSet(report!.dryRunId);
    setReport(null);
    await load();
  }, w.published);

  return (
    <main class="page rule-sets" data-testid="rule-sets">
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {list && (
        <section class="card" aria-labelledby="rs-known">
          <h2 id="rs-known">{w.known}</h2>
          <ul>
            {list.sets.map((s) => (
              <li key={s.version} data-version={s.version} data-in-force={String(s.version === list.inForce)}>
                <strong>{s.version}</strong>{s.version === list.inForce && <> · {w.inForce}</>}
                {' · '}{s.effectiveFrom ? w.effectiveFrom(formatDate(s.effectiveFrom)) : w.shipped}
                {s.publishedAt && <span class="meta"> — {s.publishedByName}, {formatDateTime(s.publishedAt)}{s.note && `: ${s.note}`}</span>}
                <p class="small">{s.origin}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="rs-draft">
        <h2 id="rs-draft">{w.draftTitle}</h2>
        <p class="small">{w.draftHint}</p>
        <label for="rs-json">{w.document}</label>
        <textarea id="rs-json" rows={16} spellcheck={false} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <div class="grid-form">
          <label for="rs-eff">{w.effective}</label>
          <input id="rs-eff" type="date" value={effective} onInput={(e) => setEffective(e.currentTarget.value)} required />
          <label for="rs-note">{w.note}</label>
          <input id="rs-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={4000} />
        </div>
        <button type="button" data-action="dry-run" disabled={action.busy || !draft.trim()} onClick={() => void dryRun()}>{w.dryRun}</button>
      </section>
      {report && (
        <section class="card" aria-labelledby="rs-report" data-testid="dry-run" data-state={report.state}>
          <h2 id="rs-report">{w.reportTitle(report.version, report.comparedWith)}</h2>
          {report.state === 'Running' ? <p role="status">{w.running(report.casesCompared, report.cases)}</p>
            : report.state === 'Failed' ? <p class="msg refusal" role="alert">{report.error}</p> : (
              <>
                <p data-testid="dry-run-summary"><strong>{w.summary(report.casesChanged, report.cases, report.deadlinesChanged)}</strong></p>
                {Object.keys(report.byRule).length > 0 && (
                  <ul>{Object.entries(report.byRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => <li key={rule}>{w.byRule(rule, n)}</li>)}</ul>
                )}
                <button type="button" data-action="publish" disabled={action.busy} onClick={() => void publish()}>{w.publish(formatDate(report.effectiveFrom))}</button>
              </>
            )}
        </section>
      )}
      <Outcome message={action.message} testId="rule-sets-outcome" />
    </main>
  );
}

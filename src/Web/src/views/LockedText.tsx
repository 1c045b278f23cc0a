import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseSession } from '../caseSession';
import { redo, saveVersioned, textOf, type Conflict, type SaveResult } from '../conflict';
import { t } from '../i18n';
import type { Live } from '../live';
import type { CommandOutcome } from '../types';
import { refusalText } from './refusal';

/** The other person's value beside the user's own, with one click to put the user's on top. */
export function ConflictBox({ theirs, yours, busy, onRedo, onKeepTheirs }: {
  theirs: string | null; yours: ComponentChildren; busy: boolean; onRedo: () => void; onKeepTheirs: () => void;
}) {
  return (
    <div class="conflict" role="alert" data-testid="conflict">
      <strong>{t().conflictTitle}</strong>
      <p>{t().conflictTheirs}</p>
      <blockquote data-testid="theirs">{theirs ?? '—'}</blockquote>
      <p>{t().conflictYours}</p>
      <blockquote data-testid="yours">{yours}</blockquote>
      <div class="buttons">
        <button type="button" disabled={busy} data-action="redo" onClick={onRedo}>{t().conflictRedo}</button>
        <button type="button" class="secondary" onClick={onKeepTheirs}>{t().conflictKeepTheirs}</button>
      </div>
    </div>
  );
}

/**
 * Runs one versioned edit for a form: keeps the user's input, and on version.stale holds the conflict until the user
 * redoes theirs (sent against the new version) or keeps the other person's value.
 */
export function useVersionedEdit<T>(pick: (current: unknown) => T, onSaved: () => void) {
  const [conflict, setConflict] = useState<Conflict<T> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (attempt: () => Promise<SaveResult<T>>) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await attempt();
      if (r.kind === 'conflict') setConflict(r.conflict);
      else if (r.kind === 'refused') setMessage(refusalText(r.error));
      else { setConflict(null); onSaved(); }
    } catch (e) {
      setMessage(refusalText(e));
    } finally {
      setBusy(false);
    }
  };
  return {
    conflict, message, busy, setMessage,
    clear: () => setConflict(null),
    save: (version: number, send: (v: number) => Promise<CommandOutcome>) => run(() => saveVersioned(version, send, pick)),
    redo: (send: (v: number) => Promise<CommandOutcome>) => conflict && run(() => redo(conflict, send, pick)),
  };
}

export interface LockedTextProps {
  live: Live;
  session: CaseSession;
  caseId: string;
  myUserId: string;
  /** The lock's field name, e.g. `need:housing:assessment` or `meeting:{id}:minutes`. */
  field: string;
  title: string;
  /** The text as it stands and the version an edit is made against. */
  text: string | null;
  version: number;
  /** The JSON field of the conflicting item that holds the text. */
  conflictField: string;
  /** `data-action` prefix: `edit-<name>` and `save-<name>`. */
  name: string;
  /** The text area's id. */
  inputId: string;
  /** A screen-reader hint after "Edit". */
  editHint: string;
  send: (text: string, expectedVersion: number) => Promise<CommandOutcome>;
  /** The read-only rendering, shown when not editing. */
  view: (children: ComponentChildren) => ComponentChildren;
}

/**
 * Inline editing of a free-text field: take the soft lock first, heartbeat "I edit this" in presence, send the edit
 * against the version it started from, and on version.stale show the other person's text beside this user's own so
 * they can redo theirs.
 */
export function LockedText(p: LockedTextProps) {
  const { live, session, caseId, field } = p;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [base, setBase] = useState(0);
  const renew = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const area = useRef<HTMLTextAreaElement>(null);
  const lock = session.presence.locks.find((l) => l.field === field && l.userId !== p.myUserId);

  const stopEditing = () => {
    clearInterval(renew.current);
    renew.current = undefined;
    setEditing(false);
    edit.clear();
    live.setPresence(caseId, session.myMode, null);
    void live.releaseField(caseId, field);
  };
  const edit = useVersionedEdit(textOf(p.conflictField), () => { stopEditing(); edit.setMessage(t().done); });
  useEffect(() => () => {
    if (renew.current) {
      clearInterval(renew.current);
      void live.releaseField(caseId, field);
    }
  }, []);
  useEffect(() => { if (editing) area.current?.focus(); }, [editing]);

  const start = async () => {
    edit.setMessage(null);
    try {
      const r = await live.lockField(caseId, field);
      if (!r.granted) {
        edit.setMessage(r.lock ? t().lockRefused(r.lock.displayName) : refusalText(r.error));
        return;
      }
      setText(p.text ?? '');
      setBase(p.version);
      setEditing(true);
      live.setPresence(caseId, session.myMode, field);
      renew.current = setInterval(() => void live.lockField(caseId, field).catch(() => undefined), 40000);
    } catch (e) {
      edit.setMessage(refusalText(e));
    }
  };
  const send = (v: number) => p.send(text, v);

  if (!editing) {
    return p.view(
      <>
        {lock && <p class="lock" data-testid="lock">✎ {t().lockedBy(lock.displayName)}</p>}
        <button type="button" onClick={() => void start()} disabled={!live.online || !!lock} data-action={`edit-${p.name}`}>
          {t().edit} <span class="sr-only">{p.editHint}</span>
        </button>
        {edit.message && <p class="msg" role="status">{edit.message}</p>}
      </>,
    );
  }
  const id = p.inputId;
  return (
    <div class="assessment editing-box">
      <label for={id}><h4>{p.title}</h4></label>
      <textarea id={id} ref={area} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {edit.conflict ? (
        <ConflictBox theirs={edit.conflict.theirs} yours={text} busy={edit.busy || !live.online}
          onRedo={() => { setBase(edit.conflict!.version); void edit.redo(send); }} onKeepTheirs={stopEditing} />
      ) : (
        <div class="buttons">
          <button type="button" disabled={edit.busy || !live.online} onClick={() => void edit.save(base, send)} data-action={`save-${p.name}`}>{t().save}</button>
          <button type="button" class="secondary" onClick={stopEditing}>{t().cancel}</button>
        </div>
      )}
      {edit.message && <p class="msg" role="alert">{edit.message}</p>}
    </div>
  );
}

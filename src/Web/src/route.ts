// The app's pages by address (`#/cases/{id}/time?focus=…`). Pure.

export type CaseTab = 'plan' | 'setup' | 'time';

export type Route = { query: URLSearchParams } & (
  | { page: 'home' | 'admin' | 'new-case' | 'settings' | 'rules' | 'unknown' }
  | { page: 'case'; id: string; tab: CaseTab }
  | { page: 'board' | 'person'; id: string }
);

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1));
  const id = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  let m: RegExpExecArray | null;
  if (path === '/' || path === '') return { page: 'home', query };
  if (path === '/admin') return { page: 'admin', query };
  if (path === '/settings') return { page: 'settings', query };
  if (path === '/rules') return { page: 'rules', query };
  if (path === '/cases/new') return { page: 'new-case', query };
  if ((m = /^\/cases\/([^/]+)(?:\/(setup|time))?$/.exec(path))) return { page: 'case', id: id(m[1]), tab: (m[2] as CaseTab | undefined) ?? 'plan', query };
  if ((m = /^\/units\/([^/]+)\/board$/.exec(path))) return { page: 'board', id: id(m[1]), query };
  if ((m = /^\/me\/([^/]+)$/.exec(path))) return { page: 'person', id: id(m[1]), query };
  return { page: 'unknown', query };
}

/** The address of a case's tab, with an optional element to bring into view. */
export function caseHref(caseId: string, tab: CaseTab = 'plan', focus?: string): string {
  const path = `#/cases/${encodeURIComponent(caseId)}${tab === 'plan' ? '' : `/${tab}`}`;
  return focus ? `${path}?focus=${encodeURIComponent(focus)}` : path;
}

export function boardHref(unitId: string, query = ''): string {
  return `#/units/${encodeURIComponent(unitId)}/board${query ? `?${query}` : ''}`;
}

export function personHref(caseId: string, focus?: string): string {
  return `#/me/${encodeURIComponent(caseId)}${focus ? `?focus=${encodeURIComponent(focus)}` : ''}`;
}

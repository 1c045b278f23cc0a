import { describe, expect, it } from 'vitest';
import { caseHref, parseRoute } from '../src/route';

describe('parseRoute', () => {
  it('knows every page, its id, its tab and its query', () => {
    expect(parseRoute('').page).toBe('home');
    expect(parseRoute('#/').page).toBe('home');
    expect(parseRoute('#/admin').page).toBe('admin');
    expect(parseRoute('#/rules').page).toBe('rules');
    expect(parseRoute('#/cases/new').page).toBe('new-case');
    expect(parseRoute('#/cases/case-1')).toMatchObject({ page: 'case', id: 'case-1', tab: 'plan' });
    expect(parseRoute('#/cases/case-1/time?focus=deadline-x')).toMatchObject({ page: 'case', id: 'case-1', tab: 'time' });
    expect(parseRoute('#/cases/case-1/time?focus=deadline-x').query.get('focus')).toBe('deadline-x');
    expect(parseRoute('#/units/k%C3%B8/board?sort=readiness')).toMatchObject({ page: 'board', id: 'kø' });
    expect(parseRoute('#/me/case-1')).toMatchObject({ page: 'person', id: 'case-1' });
    expect(parseRoute('#/cases/a/b/c').page).toBe('unknown');
  });

  it('builds the address of a tab back', () => {
    expect(caseHref('case 1', 'setup')).toBe('#/cases/case%201/setup');
    expect(parseRoute(caseHref('c', 'time', 'deadline-a'))).toMatchObject({ page: 'case', id: 'c', tab: 'time' });
  });
});

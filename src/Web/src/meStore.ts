import type { Api } from './api';
import { Emitter } from './emitter';
import type { Me, UnitRef } from './types';

/**
 * Who the signed-in user is (`GET /api/v1/me`: their units, whether they administer, the cases in which they are the
 * person) and the units of the directory by id, so every screen can say a unit's name and never its id.
 */
export class MeStore extends Emitter {
  me: Me | null = null;
  error: unknown = null;
  loaded = false;
  private readonly units = new Map<string, UnitRef>();
  private unitsAsked = false;

  constructor(private readonly api: Api) {
    super();
  }

  async load(): Promise<Me | null> {
    try {
      this.me = await this.api.getMe();
      this.error = null;
      for (const u of this.me.units) this.units.set(u.unitId, u);
    } catch (e) {
      this.error = e;
    }
    this.loaded = true;
    this.emit();
    return this.me;
  }

  /** Read the directory's units once (again after `force`), for names; people outside the directory have none. */
  async loadUnits(force = false): Promise<void> {
    if (this.unitsAsked && !force) return;
    this.unitsAsked = true;
    try {
      for (const u of await this.api.directoryUnits()) this.units.set(u.unitId, u);
      this.emit();
    } catch {
      /* the person and partner systems have no directory: names they see come with the data */
    }
  }

  remember(units: readonly UnitRef[]): void {
    for (const u of units) this.units.set(u.unitId, u);
    this.emit();
  }

  unit(unitId: string | null | undefined): UnitRef | undefined {
    return unitId ? this.units.get(unitId) : undefined;
  }

  /** A text from the server with every known unit id in it replaced by the unit's name. */
  named(text: string): string {
    if (!this.units.size) return text;
    return text.replace(/[A-Za-z0-9][A-Za-z0-9._-]*/g, (word) => this.units.get(word)?.name ?? word);
  }

  get allUnits(): UnitRef[] {
    return [...this.units.values()].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  }
}

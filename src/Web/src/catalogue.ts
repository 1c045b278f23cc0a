// The need areas as the server holds them (src/Domain/Plan/need-areas.json, the POP set): one source for their
// names, which are health-sensitive and which the release gate treats as critical.
import entries from '../../Domain/Plan/need-areas.json';

export interface NeedAreaDefinition {
  code: string;
  nameNb: string;
  nameEn: string;
  healthSensitive: boolean;
  criticalForRelease: boolean;
}

export const needAreas: readonly NeedAreaDefinition[] = entries as NeedAreaDefinition[];

export function needDefinition(code: string): NeedAreaDefinition | undefined {
  return needAreas.find((n) => n.code === code);
}

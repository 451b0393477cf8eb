import type { Direction, GoalLevel } from '../master-data/goal.entity.js';
import type { IndicatorKind } from '../master-data/indicator.entity.js';

/** The shape of a municipality's master data. Copenhagen's is the default; another municipality supplies its own. */
export interface MunicipalitySeed {
  municipality: { name: string; vision: string; targetYear: number };
  administrations: { code: string; name: string }[];
  /** Code of the administration that starts every local network (tovholder at the start). */
  networkStarter: string;
  areas: {
    code: string;
    name: string;
    description?: string;
    localCommittees: string[];
    deprivedHousingAreas?: string[];
  }[];
  indicators: {
    code: string;
    name: string;
    kind: IndicatorKind;
    unit: string;
    shownAsIndex: boolean;
    direction: Direction;
    source: string;
  }[];
  goals: {
    code: string;
    level: GoalLevel;
    parent?: string;
    title: string;
    measure?: string;
    dataSource?: string;
    indicator?: string;
    targetValue?: number;
    /**
     * 'city_level': "på niveau med byens gennemsnit": met in an area when its
     * index against the city reaches 100 by the target year (direction says
     * which side of 100 is good); no targetValue. Default 'absolute'.
     */
    targetKind?: 'absolute' | 'city_level';
    direction?: Direction;
  }[];
}

import type { Direction, GoalLevel } from '../master-data/goal.entity.js';
import type { IndicatorKind } from '../master-data/indicator.entity.js';

/** The shape of a municipality's master data. Copenhagen's is the default; another municipality supplies its own. */
export interface MunicipalitySeed {
  municipality: {
    name: string;
    vision: string;
    targetYear: number;
    /**
     * NON_WORKING_DAYS: days off besides the public holidays (single dates YYYY-MM-DD, yearly MM-DD). Written
     * once, when the municipality has never had the setting; an administrator's later edit is left alone.
     */
    nonWorkingDays?: { dates: string[]; yearly: string[] };
  };
  administrations: { code: string; name: string }[];
  /**
   * Code of the administration that starts every local network (tovholder at the start): written once into the
   * municipality's setting networkStarterAdministrationId, which an administrator may change.
   */
  networkStarter: string;
  areas: {
    code: string;
    name: string;
    description?: string;
    localCommittees: string[];
    deprivedHousingAreas?: string[];
  }[];
  /**
   * The waves of plans: per budget year, the areas (codes) whose plans are prepared for it, and the day the
   * budget proposals are due when the policy names one. Created once; an administrator's later edit is left alone.
   */
  budgetRounds?: { budgetYear: number; areas: string[]; proposalsDueOn?: string }[];
  indicators: {
    code: string;
    name: string;
    kind: IndicatorKind;
    unit: string;
    shownAsIndex: boolean;
    direction: Direction;
    source: string;
    /**
     * Measured from the government's lists of housing areas: per area and year, the number of housing
     * areas on any of these lists (codes of HOUSING_LISTS), written as its measurements whenever a list changes.
     */
    countsHousingLists?: string[];
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
     * which side of 100 is good); no targetValue. 'relative': targetValue is a change in per cent of
     * the baseline (−50: "halveres"). Default 'absolute'.
     */
    targetKind?: 'absolute' | 'city_level' | 'relative';
    direction?: Direction;
  }[];
}

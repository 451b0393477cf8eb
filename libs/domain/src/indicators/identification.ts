import { indexAgainstCity, round } from './indicator-index.js';

export type Direction = 'higher_is_better' | 'lower_is_better';

export interface IdentificationIndicator {
  id: string;
  code: string;
  name: string;
  /** For the socio-economic indicators a higher share is worse (lower_is_better). */
  direction: Direction;
}

export interface IdentificationInput {
  /** The socio-economic indicators (kind 'socioeconomic'), all of them: it is their sum that counts. */
  indicators: IdentificationIndicator[];
  /** The city's value per indicator id, for the period compared. */
  city: Record<string, number | undefined>;
  areas: { id: string; name: string; values: Record<string, number | undefined> }[];
  /** An area whose sum of indices is above this is marked deprived. */
  threshold: number;
}

export interface IdentificationComponent {
  indicatorId: string;
  code: string;
  name: string;
  value: number | null;
  cityValue: number | null;
  /** value / cityValue × 100. */
  index: number | null;
  /**
   * What the indicator adds to the sum: its index, or for an indicator where
   * higher is better the inverse (cityValue / value × 100), so that above 100
   * always means "worse off than the city".
   */
  contribution: number | null;
}

export interface IdentifiedArea {
  areaId: string;
  areaName: string;
  /** 1 = most deprived; null when the area lacks an indicator and cannot be ranked. */
  rank: number | null;
  /** Sum of the contributions; null when incomplete. */
  total: number | null;
  /** total / number of indicators: the average index. */
  averageIndex: number | null;
  complete: boolean;
  deprived: boolean;
  /** Names of the indicators without a value (or without a city value). */
  missing: string[];
  components: IdentificationComponent[];
  /** The computation in words (Danish), e.g. "125,0 + 98,0 + … = 741,2 > 720: udsat byområde". */
  computation: string;
}

export interface IdentificationResult {
  threshold: number;
  indicatorCount: number;
  /** The city's own sum: 100 per indicator. */
  cityTotal: number;
  areas: IdentifiedArea[];
  /** Why nothing could be identified, when that is so. */
  notes: string[];
}

const da = (n: number) => round(n, 1).toFixed(1).replace('.', ',');

/**
 * Identification of deprived areas as the policy does it: each socio-economic
 * indicator as an index against the city (= 100), the indices summed, the
 * areas ranked by the sum and those above the threshold marked deprived.
 * Never one indicator alone: an area lacking any of them is not ranked, and
 * with fewer than two indicators nothing is identified.
 */
export function identifyDeprivedAreas(input: IdentificationInput): IdentificationResult {
  const { indicators, threshold } = input;
  const notes: string[] = [];
  const usable = indicators.length >= 2;
  if (!usable)
    notes.push('Udpegning kræver mindst to socioøkonomiske indikatorer: det er summen, der tæller, aldrig én alene.');

  const areas = input.areas.map((area): IdentifiedArea => {
    const components = indicators.map((ind): IdentificationComponent => {
      const value = area.values[ind.id] ?? null;
      const cityValue = input.city[ind.id] ?? null;
      const index = value === null ? null : indexAgainstCity(value, cityValue);
      const inverse = value === null || value === 0 || cityValue === null ? null : (cityValue / value) * 100;
      const contribution = ind.direction === 'higher_is_better' ? inverse : index;
      return { indicatorId: ind.id, code: ind.code, name: ind.name, value, cityValue, index, contribution };
    });
    const missing = components.filter((c) => c.contribution === null).map((c) => c.name);
    const complete = indicators.length > 0 && missing.length === 0;
    const total = complete ? components.reduce((s, c) => s + c.contribution!, 0) : null;
    const deprived = usable && total !== null && total > threshold;
    const computation =
      total === null
        ? `Mangler ${missing.join(', ')}: kan ikke beregnes`
        : `${components.map((c) => da(c.contribution!)).join(' + ')} = ${da(total)} ${total > threshold ? '>' : '≤'} ` +
          `${da(threshold)}: ${deprived ? 'udsat byområde' : 'ikke udsat'}`;
    return {
      areaId: area.id,
      areaName: area.name,
      rank: null,
      total,
      averageIndex: total === null ? null : total / indicators.length,
      complete,
      deprived,
      missing,
      components,
      computation,
    };
  });

  areas.sort((a, b) => {
    if (a.total !== null && b.total !== null) return b.total - a.total || a.areaName.localeCompare(b.areaName, 'da');
    if (a.total !== null) return -1;
    if (b.total !== null) return 1;
    return a.areaName.localeCompare(b.areaName, 'da');
  });
  let rank = 0;
  for (const a of areas) if (a.total !== null) a.rank = ++rank;
  return { threshold, indicatorCount: indicators.length, cityTotal: indicators.length * 100, areas, notes };
}

// Writes samples/eksempeldata-illustrativ.csv: ILLUSTRATIVE figures (fiktive eksempeltal), NOT real statistics,
// for every indicator of the default (Copenhagen) seed, the city and its six areas, 2010–2024.
// Deterministic: the same file every run. Usage: node scripts/generate-sample-data.mjs
import { writeFileSync } from 'node:fs';

const YEARS = Array.from({ length: 15 }, (_, i) => 2010 + i);
const CITY = 'København';
// Each area: how far from the city's level it starts (1 = the city's level) and how fast it closes the gap per year.
const AREAS = [
  { name: 'Nørrebro', gap: 1.25, pace: 0.06 },
  { name: 'Amager/Sundby', gap: 1.15, pace: 0.02 },
  { name: 'Bispebjerg/Nordvest', gap: 1.3, pace: 0.045 },
  { name: 'Vesterbro/Kongens Enghave (Sydhavnen)', gap: 1.2, pace: 0.08 },
  { name: 'Tingbjerg/Husum', gap: 1.5, pace: 0.01 },
  { name: 'Valby/Vigerslev', gap: 1.1, pace: 0.05 },
];
// Each indicator: the city's value in 2010, its change per year, whether lower is better, decimals, source.
const SOK = 'Det Socioøkonomiske Københavnerkort';
const INDICATORS = [
  ['small-dwellings', 28, -0.2, true, 1, SOK],
  ['lacking-installations', 3, -0.1, true, 1, SOK],
  ['non-western-origin', 11, 0.2, true, 1, SOK],
  ['outside-labour-market', 22, -0.25, true, 1, SOK],
  ['low-education', 25, -0.4, true, 1, SOK],
  ['low-income', 15, -0.1, true, 1, SOK],
  ['safety-index', 70, 0.3, false, 1, 'Tryghedsindekset'],
  ['voter-turnout', 60, 0.2, false, 1, 'Kommunalvalgets statistik'],
  ['health-index', 100, 0.2, false, 1, 'Kommunens sundhedsindeks'],
  ['local-school-daycare-use', 80, 0.2, false, 1, 'Børne- og Ungdomsforvaltningens analyser'],
  ['youth-education', 84, 0.6, false, 1, SOK],
  ['culture-sports-satisfied', 75, 0.2, false, 1, 'Kultur- og Fritidsforvaltningens tilfredshedsmålinger'],
  [
    'cleaning-maintenance',
    80,
    0.3,
    false,
    1,
    'Teknik- og Miljøforvaltningens målinger (Helhedsorienteret Driftsstrategi)',
  ],
  ['urban-life-satisfaction', 76, 0.3, false, 1, 'Bylivsregnskabet'],
];
// The share of social housing: the city holds about 20 %; the areas have far more.
const SOCIAL_HOUSING = { city: 20, areas: [32, 28, 38, 30, 70, 26] };
// Listed housing areas (the government's list) per area in 2010, and the year each area's count drops by one.
const LISTED = [
  { start: 2, drops: [2014, 2019] },
  { start: 1, drops: [2021] },
  { start: 2, drops: [2016] },
  { start: 2, drops: [2013, 2018] },
  { start: 2, drops: [] },
  { start: 1, drops: [2015] },
];
// Residents outside the labour market in the especially deprived housing areas, index (the social housing sector = 100).
const MIX = { city: 150, areas: [150, 140, 160, 145, 190, 130], pace: [4, 1, 3, 5, 0.5, 3] };

const fmt = (v, decimals) => v.toFixed(decimals).replace('.', ',');
const rows = [['område', 'indikator', 'periode', 'værdi', 'kilde']];
const note = (source) => `${source} (ILLUSTRATIVE fiktive eksempeltal, ikke rigtig statistik)`;

for (const [code, base, drift, lowerIsBetter, decimals, source] of INDICATORS) {
  for (const year of YEARS) {
    const t = year - 2010;
    const city = base + drift * t;
    rows.push([CITY, code, String(year), fmt(city, decimals), note(source)]);
    AREAS.forEach((a, i) => {
      // The relative gap closes by `pace` a year (never past the city's level), with a small wobble.
      const gap = Math.max(1, a.gap - a.pace * t * (a.gap - 1) * 2) + 0.01 * Math.sin(year + i);
      const value = lowerIsBetter ? city * gap : city / gap;
      rows.push([a.name, code, String(year), fmt(Math.min(value, 100), decimals), note(source)]);
    });
  }
}
for (const year of YEARS) {
  const source = note(SOK);
  rows.push([CITY, 'social-housing-share', String(year), fmt(SOCIAL_HOUSING.city + 0.05 * Math.sin(year), 1), source]);
  AREAS.forEach((a, i) => {
    const v = SOCIAL_HOUSING.areas[i] - 0.3 * (year - 2010) * (i % 2);
    rows.push([a.name, 'social-housing-share', String(year), fmt(v, 1), source]);
  });
}
for (const year of YEARS) {
  const counts = LISTED.map((l) => l.start - l.drops.filter((d) => d <= year).length);
  const source = note('Ministeriets liste over særligt udsatte boligområder');
  rows.push([CITY, 'listed-housing-areas', String(year), String(counts.reduce((s, n) => s + n, 0)), source]);
  AREAS.forEach((a, i) => rows.push([a.name, 'listed-housing-areas', String(year), String(counts[i]), source]));
}
for (const year of YEARS) {
  const t = year - 2010;
  const source = note(SOK);
  rows.push([CITY, 'resident-mix', String(year), fmt(MIX.city - 3 * t, 1), source]);
  AREAS.forEach((a, i) =>
    rows.push([a.name, 'resident-mix', String(year), fmt(Math.max(95, MIX.areas[i] - MIX.pace[i] * t), 1), source]),
  );
}

const out = new URL('../samples/eksempeldata-illustrativ.csv', import.meta.url);
writeFileSync(out, rows.map((r) => r.join(';')).join('\n') + '\n');
process.stdout.write(`Wrote ${rows.length - 1} rows to ${out.pathname}\n`);

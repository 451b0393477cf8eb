import type { MunicipalitySeed } from './municipality-seed.js';

const SOK = 'Det Socioøkonomiske Københavnerkort';

/**
 * Copenhagen's policy for deprived urban areas (shared/seed/000_50058d289aa77020.txt), as data.
 * The concrete goals the policy sets "på niveau med" / "lige så … som" the rest of the city
 * (schools and day care, health, cleaning, safety, employment, culture and sports) are
 * city-level goals for 2020; the others have absolute targets (95 %, 80 %, 20 %), or none
 * yet (the list halved, the resident mix "som den almene sektor generelt": another reference
 * than the city's average).
 */
export const COPENHAGEN: MunicipalitySeed = {
  municipality: {
    name: 'Københavns Kommune',
    vision:
      'København skal være en mangfoldig, sammenhængende og tryg by, hvor der er plads til og brug for alle byens borgere. ' +
      'Derfor skal grøn, sund og kreativ vækst samt livskvalitet styrkes i de udsatte byområder, så byen hænger sammen – både fysisk og socialt.',
    targetYear: 2020,
  },
  administrations: [
    { code: 'ØKF', name: 'Økonomiforvaltningen' },
    { code: 'KFF', name: 'Kultur- og Fritidsforvaltningen' },
    { code: 'BUF', name: 'Børne- og Ungdomsforvaltningen' },
    { code: 'SUF', name: 'Sundheds- og Omsorgsforvaltningen' },
    { code: 'SOF', name: 'Socialforvaltningen' },
    { code: 'TMF', name: 'Teknik- og Miljøforvaltningen' },
    { code: 'BIF', name: 'Beskæftigelses- og Integrationsforvaltningen' },
  ],
  networkStarter: 'TMF',
  areas: [
    { code: 'norrebro', name: 'Nørrebro', localCommittees: ['Nørrebro Lokaludvalg'] },
    { code: 'amager-sundby', name: 'Amager/Sundby', localCommittees: ['Amager Øst Lokaludvalg', 'Amager Vest Lokaludvalg'] },
    { code: 'bispebjerg-nordvest', name: 'Bispebjerg/Nordvest', localCommittees: ['Bispebjerg Lokaludvalg'] },
    {
      code: 'vesterbro-kongens-enghave',
      name: 'Vesterbro/Kongens Enghave (Sydhavnen)',
      localCommittees: ['Vesterbro Lokaludvalg', 'Kgs. Enghave Lokaludvalg'],
    },
    { code: 'tingbjerg-husum', name: 'Tingbjerg/Husum', localCommittees: ['Brønshøj-Husum Lokaludvalg'] },
    { code: 'valby-vigerslev', name: 'Valby/Vigerslev', localCommittees: ['Valby Lokaludvalg'] },
  ],
  indicators: [
    { code: 'small-dwellings', name: 'Små boliger (under 60 m²)', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'lacking-installations', name: 'Boliger med installationsmangler', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'non-western-origin', name: 'Beboere med ikke-vestlig herkomst', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'outside-labour-market', name: 'Beboere uden for arbejdsmarkedet', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'low-education', name: 'Beboere med lav/ingen uddannelse', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'low-income', name: 'Beboere med lav indkomst', kind: 'socioeconomic', unit: '%', shownAsIndex: true, direction: 'lower_is_better', source: SOK },
    { code: 'safety-index', name: 'Tryghedsindeks', kind: 'supplementary', unit: 'indeks', shownAsIndex: false, direction: 'higher_is_better', source: 'Tryghedsindekset' },
    { code: 'voter-turnout', name: 'Valgdeltagelse ved kommunalvalg', kind: 'supplementary', unit: '%', shownAsIndex: false, direction: 'higher_is_better', source: 'Kommunalvalgets statistik' },
    { code: 'health-index', name: 'Sundhedsindeks', kind: 'supplementary', unit: 'indeks', shownAsIndex: false, direction: 'higher_is_better', source: 'Kommunens sundhedsindeks' },
  ],
  goals: [
    { code: 'lift-to-city-level', level: 'overall', title: 'Udsatte byområder skal løftes til københavnerniveau' },
    { code: 'education-and-jobs', level: 'overall', title: 'Uddannelse og beskæftigelse til alle' },
    { code: 'good-city-life', level: 'overall', title: 'Udsatte byområder som rammer om et godt københavnerliv' },
    {
      code: 'schools-first-choice', level: 'concrete', parent: 'lift-to-city-level',
      title: 'Folkeskoler og dagpasningstilbud i udsatte byområder er det primære valg for lokale beboere',
      measure: 'Københavnere i udsatte byområder bruger folkeskoler og dagpasningstilbud minimum på niveau med resten af byen',
      dataSource: 'Børne- og Ungdomsforvaltningens analyser', targetKind: 'city_level',
    },
    {
      code: 'health-city-level', level: 'concrete', parent: 'lift-to-city-level',
      title: 'Sundhedstilstanden i de udsatte byområder har samme niveau som gennemsnittet for København',
      measure: 'Sundhedsindeks på niveau med byens gennemsnit', dataSource: 'Kommunens sundhedsindeks', indicator: 'health-index', targetKind: 'city_level',
    },
    {
      code: 'cleaning-city-level', level: 'concrete', parent: 'lift-to-city-level',
      title: 'Ren- og vedligeholdelse i udsatte byområder er på niveau med københavnergennemsnittet',
      measure: 'Målinger i forhold til Helhedsorienteret Driftsstrategi', dataSource: 'Teknik- og Miljøforvaltningens målinger', targetKind: 'city_level',
    },
    {
      code: 'safety-city-level', level: 'concrete', parent: 'lift-to-city-level',
      title: 'De udsatte byområder er lige så trygge at bo og færdes i som resten af byen',
      measure: 'Tryghedsindeks på niveau med byens', dataSource: 'Tryghedsindekset', indicator: 'safety-index', targetKind: 'city_level',
    },
    {
      code: 'deprived-housing-halved', level: 'concrete', parent: 'lift-to-city-level',
      title: 'Antallet af særligt udsatte almene boligområder på regeringens liste halveres',
      measure: 'Antal områder på listen', dataSource: 'Ministeriets liste over særligt udsatte boligområder', direction: 'lower_is_better',
    },
    {
      code: 'balanced-resident-mix', level: 'concrete', parent: 'lift-to-city-level',
      title: 'De særligt udsatte boligområder har en balanceret beboersammensætning som den almene sektor generelt',
      measure: 'Beboersammensætning sammenlignet med den almene sektor', dataSource: SOK,
    },
    {
      code: 'youth-education-95', level: 'concrete', parent: 'education-and-jobs',
      title: '95 % af de unge får en ungdomsuddannelse eller en videregående uddannelse',
      measure: 'Andel unge med ungdomsuddannelse eller videregående uddannelse', dataSource: SOK, targetValue: 95,
    },
    {
      code: 'employment-city-level', level: 'concrete', parent: 'education-and-jobs',
      title: 'Beskæftigelsesgraden i de udsatte byområder er på niveau med københavnergennemsnittet',
      measure: 'Beskæftigelsesgrad', dataSource: SOK, indicator: 'outside-labour-market', direction: 'lower_is_better', targetKind: 'city_level',
    },
    {
      code: 'urban-life-80', level: 'concrete', parent: 'good-city-life',
      title: 'Mere byliv: 80 % af københavnerne i områderne er tilfredse med bylivet',
      measure: 'Andel tilfredse med bylivet', dataSource: 'Bylivsregnskabet', targetValue: 80,
    },
    {
      code: 'culture-sports-satisfaction', level: 'concrete', parent: 'good-city-life',
      title: 'Mindst lige så tilfredse med de lokale kultur- og idrætstilbud som københavnerne generelt',
      measure: 'Tilfredshed med kultur- og idrætsanlæg', dataSource: 'Kultur- og Fritidsforvaltningens tilfredshedsmålinger', targetKind: 'city_level',
    },
    {
      code: 'social-housing-20', level: 'concrete', parent: 'good-city-life',
      title: 'Andelen af almene boliger fastholdes på mindst 20 % af de københavnske boliger',
      measure: 'Andel almene boliger', dataSource: SOK, targetValue: 20,
    },
  ],
};

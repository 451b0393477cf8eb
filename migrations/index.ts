import { Foundation1764180000000 } from './1764180000000-foundation.js';
import { OutboxNotifications1764190000000 } from './1764190000000-outbox-notifications.js';
import { Plans1764200000000 } from './1764200000000-plans.js';
import { Projects1764300000000 } from './1764300000000-projects.js';
import { Indicators1764400000000 } from './1764400000000-indicators.js';
import { TheoryOfChange1764600000000 } from './1764600000000-theory-of-change.js';
import { InterventionRecord1764700000000 } from './1764700000000-intervention-record.js';
import { CityLevelTargets1764800000000 } from './1764800000000-city-level-targets.js';
import { Accounts1765100000000 } from './1765100000000-accounts.js';
import { JobDelivery1765200000000 } from './1765200000000-job-delivery.js';
import { RecordChains1765200000001 } from './1765200000001-record-chains.js';
import { ScaleIndexes1765300000000 } from './1765300000000-scale-indexes.js';
import { RelativeTargets1765400000000 } from './1765400000000-relative-targets.js';
import { HousingAreas1765410000000 } from './1765410000000-housing-areas.js';
import { Statbank1765420000000 } from './1765420000000-statbank.js';
import { AdministrationRecord1765500000000 } from './1765500000000-administration-record.js';
import { NotificationMessages1765610000000 } from './1765610000000-notification-messages.js';
import { ForumDecisions1765620000000 } from './1765620000000-forum-decisions.js';
import { MunicipalitySettings1765640000000 } from './1765640000000-municipality-settings.js';
import { ProjectScaledStates1765640000001 } from './1765640000001-project-scaled-states.js';
import { NetworkHandovers1765640000002 } from './1765640000002-network-handovers.js';
import { NetworkMembers1765640000003 } from './1765640000003-network-members.js';
import { BudgetRounds1765650000000 } from './1765650000000-budget-rounds.js';
import { UserEventChain1765650000001 } from './1765650000001-user-event-chain.js';
import { AgendaMessages1765700000000 } from './1765700000000-agenda-messages.js';
import { MeasurementLoader1765710000000 } from './1765710000000-measurement-loader.js';
import { PortfolioIndex1765710000001 } from './1765710000001-portfolio-index.js';

/** Every migration, in order. Listed explicitly so ESM builds need no glob loading. */
export const MIGRATIONS = [
  Foundation1764180000000,
  OutboxNotifications1764190000000,
  Plans1764200000000,
  Projects1764300000000,
  Indicators1764400000000,
  TheoryOfChange1764600000000,
  InterventionRecord1764700000000,
  CityLevelTargets1764800000000,
  Accounts1765100000000,
  JobDelivery1765200000000,
  RecordChains1765200000001,
  ScaleIndexes1765300000000,
  RelativeTargets1765400000000,
  HousingAreas1765410000000,
  Statbank1765420000000,
  AdministrationRecord1765500000000,
  NotificationMessages1765610000000,
  ForumDecisions1765620000000,
  MunicipalitySettings1765640000000,
  ProjectScaledStates1765640000001,
  NetworkHandovers1765640000002,
  NetworkMembers1765640000003,
  BudgetRounds1765650000000,
  UserEventChain1765650000001,
  AgendaMessages1765700000000,
  MeasurementLoader1765710000000,
  PortfolioIndex1765710000001,
];

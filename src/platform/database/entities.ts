import { Administration } from '../../master-data/administration.entity.js';
import { Area } from '../../master-data/area.entity.js';
import { Goal } from '../../master-data/goal.entity.js';
import { Indicator } from '../../master-data/indicator.entity.js';
import { LocalNetwork } from '../../master-data/local-network.entity.js';
import { Municipality } from '../../master-data/municipality.entity.js';
import { AgendaItem } from '../../meetings/agenda-item.entity.js';
import { Meeting } from '../../meetings/meeting.entity.js';
import { Notification } from '../../notifications/notification.entity.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity.js';
import { PlanCondition } from '../../plans/plan-condition.entity.js';
import { PlanGateVersion } from '../../plans/plan-gate-version.entity.js';
import { PlanItem } from '../../plans/plan-item.entity.js';
import { PlanTransition } from '../../plans/plan-transition.entity.js';
import { Plan } from '../../plans/plan.entity.js';
import { User } from '../../users/user.entity.js';
import { Intervention } from '../../interventions/intervention.entity.js';
import { ProjectAdoption } from '../../projects/project-adoption.entity.js';
import { ProjectAttachment } from '../../projects/project-attachment.entity.js';
import { ProjectEvaluationDraft } from '../../projects/project-evaluation.entity.js';
import { ProjectEvaluationSubmission } from '../../projects/project-evaluation-submission.entity.js';
import { ProjectTransition } from '../../projects/project-transition.entity.js';
import { Project } from '../../projects/project.entity.js';
import { GoalBaseline } from '../../indicators/goal-baseline.entity.js';
import { GoalChange } from '../../indicators/goal-change.entity.js';
import { IndicatorImport, IndicatorImportFile } from '../../indicators/indicator-import.entity.js';
import { Measurement, MeasurementChange } from '../../indicators/measurement.entity.js';
import { PlanReport, PlanReportFile } from '../../reports/plan-report.entity.js';

/** Every entity, listed once for the app and the migration CLI alike. */
export const ENTITIES = [
  Administration,
  Area,
  Goal,
  Indicator,
  LocalNetwork,
  Municipality,
  User,
  Plan,
  PlanTransition,
  PlanGateVersion,
  PlanItem,
  PlanCondition,
  Meeting,
  AgendaItem,
  IdempotencyRecord,
  OutboxMessage,
  Notification,
  Intervention,
  Project,
  ProjectTransition,
  ProjectEvaluationDraft,
  ProjectEvaluationSubmission,
  ProjectAttachment,
  ProjectAdoption,
  GoalBaseline,
  GoalChange,
  IndicatorImport,
  IndicatorImportFile,
  Measurement,
  MeasurementChange,
  PlanReport,
  PlanReportFile,
];

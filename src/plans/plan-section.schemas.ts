import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validate,
} from 'class-validator';
import { FUNDING_SOURCES, INTERVENTION_KINDS, INVESTMENT_TYPES, type PlanSection } from '#domain';
import { AppError } from '../platform/common/app-error.js';
import { meaningfulMessages } from '../platform/common/field-messages.js';

const KIND_MESSAGE = `kind must be one of ${INTERVENTION_KINDS.join(', ')} (drift, individrettet, områdebaseret)`;
const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

class MappingData {
  @IsString() @MinLength(2) @MaxLength(300) name: string;
  @IsIn(INTERVENTION_KINDS, { message: KIND_MESSAGE }) kind: string;
  @IsOptional() @IsString() @MaxLength(4000) effectAssessment?: string;
  @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: 'each goalIds entry must be a goal id (UUID)' })
  goalIds?: string[];
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateString({ strict: true }, { message: 'periodStart must be a date such as 2013-01-01' })
  periodStart?: string | null;
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateString({ strict: true }, { message: 'periodEnd must be a date such as 2014-12-31' })
  periodEnd?: string | null;
  @IsOptional() @ValidateIf(nullable) @IsUUID('4') interventionId?: string | null;
}

class AnalysisData {
  @IsString() @MinLength(2) @MaxLength(200) theme: string;
  @IsString() @MinLength(2) @MaxLength(4000) text: string;
}

class IndicatorData {
  @IsUUID('4', { message: 'indicatorId must be an indicator id (UUID)' }) indicatorId: string;
  @IsOptional() @ValidateIf(nullable) @IsNumber({}, { message: 'baselineValue must be a number' }) baselineValue?:
    number | null;
  @IsOptional() @ValidateIf(nullable) @IsInt() @Min(1990) @Max(2100) baselineYear?: number | null;
}

class GoalData {
  @IsString() @MinLength(2) @MaxLength(500) title: string;
  @IsOptional() @ValidateIf(nullable) @IsNumber({}, { message: 'targetValue must be a number' }) targetValue?:
    number | null;
  @IsOptional() @ValidateIf(nullable) @IsInt() @Min(2000) @Max(2100) targetYear?: number | null;
  @IsOptional() @ValidateIf(nullable) @IsUUID('4') indicatorId?: string | null;
  @IsOptional() @ValidateIf(nullable) @IsUUID('4') cityGoalId?: string | null;
}

class InterventionData {
  @IsString() @MinLength(2) @MaxLength(300) name: string;
  @IsIn(INTERVENTION_KINDS, { message: KIND_MESSAGE }) kind: string;
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: "each goalItemIds entry must be the id of one of this plan's goals" })
  goalItemIds: string[];
  @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @IsOptional() @ValidateIf(nullable) @IsUUID('4') interventionId?: string | null;
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(FUNDING_SOURCES, { message: `fundingSource must be one of ${FUNDING_SOURCES.join(', ')}` })
  fundingSource?: string | null;
  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({}, { message: 'yearlyAmountDkk must be a number (DKK a year)' })
  @Min(0)
  @Max(1e12)
  yearlyAmountDkk?: number | null;
}

class IdeaData {
  @IsString() @MinLength(2) @MaxLength(300) title: string;
  @IsIn(INVESTMENT_TYPES, { message: `investmentType must be ${INVESTMENT_TYPES.join(' or ')}` })
  investmentType: string;
  @IsOptional() @ValidateIf(nullable) @IsNumber() @Min(0) estimatedAmount?: number | null;
  @IsOptional() @IsString() @MaxLength(4000) description?: string;
}

class BudgetProposalData {
  @IsNumber({}, { message: 'amount must be a number (DKK)' }) @Min(0) @Max(1e12) amount: number;
  @IsInt() @Min(2000) @Max(2100) budgetYear: number;
  @IsString() @MinLength(2) @MaxLength(2000) description: string;
  /** The plan's goals the proposal serves (optional: proposals from before it was asked have none). */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: "each goalItemIds entry must be the id of one of this plan's goals" })
  goalItemIds?: string[];
}

class BudgetDecisionData {
  @IsDateString({ strict: true }, { message: 'decidedOn must be a date such as 2013-10-03' }) decidedOn: string;
  @IsNumber({}, { message: 'amount must be a number (DKK)' }) @Min(0) @Max(1e12) amount: number;
  @IsString() @MinLength(2) @MaxLength(300) reference: string;
  @IsOptional() @IsString() @MaxLength(4000) note?: string;
  /** The budget proposal (of this plan) the decision answers; optional, so decisions recorded before stay valid. */
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: "proposalItemId must be the id of one of this plan's budget proposals" })
  proposalItemId?: string | null;
  /** What was granted for that proposal (DKK; 0 when it was turned down). */
  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({}, { message: 'amountGranted must be a number (DKK)' })
  @Min(0)
  @Max(1e12)
  amountGranted?: number | null;
}

class ProgressReportData {
  @IsString() @MinLength(2) @MaxLength(100) period: string;
  @IsString() @MinLength(2) @MaxLength(10000) summary: string;
  @IsOptional() @IsString() @MaxLength(10000) goalNotes?: string;
}

const SCHEMAS: Record<PlanSection, new () => object> = {
  mapping: MappingData,
  problem: AnalysisData,
  potential: AnalysisData,
  indicator: IndicatorData,
  goal: GoalData,
  intervention: InterventionData,
  idea: IdeaData,
  budget_proposal: BudgetProposalData,
  budget_decision: BudgetDecisionData,
  progress_report: ProgressReportData,
};

/** Validates a section's data as strictly as a request body: each bad field is named as data.<field>. */
export async function validateSectionData(
  section: PlanSection,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const instance = plainToInstance(SCHEMAS[section], data);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const fieldErrors = errors.map((e) => ({
      field: `data.${e.property}`,
      messages: meaningfulMessages(e),
    }));
    throw new AppError(
      'VALIDATION_FAILED',
      `The ${section} data is invalid: ${fieldErrors.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ')}`,
      {
        errors: fieldErrors,
      },
    );
  }
  return { ...data };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import {
  readStatbankAnswer,
  statbankBindingProblems,
  statbankRequest,
  type Role,
  type StatbankBinding,
  type StatbankRowError,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { JOB_NAMES, stableJobId } from '../platform/jobs/job-names.js';
import { OutboxService } from '../platform/outbox/outbox.service.js';
import { QUEUES } from '../platform/queue/queue-names.js';
import { ImportService } from '../indicators/import.service.js';
import { decodeText } from '../indicators/import-file-reader.js';
import type { PutStatbankBindingDto, StatbankBindingDto, StatbankFetchDto } from './statbank.dto.js';
import { STATBANK_SETTINGS, type StatbankSettings } from './statbank-settings.js';

/** The data of a statbank-fetch job: one fetch to carry out, or the yearly run of a bound indicator. */
export interface StatbankJobData extends Record<string, unknown> {
  fetchId?: string;
  yearly?: { indicatorId: string; year: number };
}

interface BindingRow {
  indicator_id: string;
  table_id: string;
  area_variable: string;
  municipality_code: string;
  time_variable: string;
  variables: { code: string; values: string[] }[];
  yearly: boolean;
  version: number;
  updated_by: string | null;
  updated_at: Date;
}

interface FetchRow {
  id: string;
  indicator_id: string;
  trigger: string;
  status: string;
  request: Record<string, unknown>;
  message: string | null;
  message_en: string | null;
  values_found: number;
  values_skipped: number;
  errors: StatbankRowError[];
  measurement_import_id: string | null;
  import_status: string | null;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
}

const toBindingDto = (b: BindingRow): StatbankBindingDto => ({
  indicatorId: b.indicator_id,
  tableId: b.table_id,
  areaVariable: b.area_variable,
  municipalityCode: b.municipality_code,
  timeVariable: b.time_variable,
  variables: b.variables,
  yearly: b.yearly,
  version: b.version,
  updatedBy: b.updated_by,
  updatedAt: b.updated_at,
});

const toFetchDto = (f: FetchRow): StatbankFetchDto => ({
  id: f.id,
  indicatorId: f.indicator_id,
  trigger: f.trigger,
  status: f.status,
  request: f.request,
  message: f.message,
  messageEn: f.message_en,
  valuesFound: f.values_found,
  valuesSkipped: f.values_skipped,
  errors: f.errors,
  measurementImportId: f.measurement_import_id,
  importStatus: f.import_status,
  createdBy: f.created_by,
  createdAt: f.created_at,
  finishedAt: f.finished_at,
});

const asBinding = (b: BindingRow): StatbankBinding => ({
  tableId: b.table_id,
  areaVariable: b.area_variable,
  municipalityCode: b.municipality_code,
  timeVariable: b.time_variable,
  variables: b.variables,
});

class FetchFailure extends Error {
  constructor(
    readonly da: string,
    readonly en: string,
    readonly rowErrors: StatbankRowError[] = [],
  ) {
    super(en);
  }
}

/**
 * Reference values from Statistics Denmark: an indicator bound to a StatBank
 * table has its city-level figures fetched from the API's `data` endpoint
 * (CSV) by a job, started by an administrator or yearly, and loaded through
 * the measurement import (on the record, all or nothing). An error answer,
 * or an answer with anything Byløft cannot keep, loads nothing and says why.
 */
@Injectable()
export class StatbankService {
  private readonly logger = new Logger('Statbank');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly measurements: ImportService,
    @Inject(STATBANK_SETTINGS) private readonly settings: StatbankSettings,
  ) {}

  async binding(indicatorId: string): Promise<StatbankBindingDto> {
    const [b] = (await this.dataSource.query(`SELECT * FROM "statbank_binding" WHERE "indicator_id" = $1`, [
      indicatorId,
    ])) as BindingRow[];
    if (!b) throw notFound('StatBank binding of indicator', indicatorId);
    return toBindingDto(b);
  }

  /** Binds an indicator to a table (version 0 for a new binding); yearly schedules its next yearly fetch. */
  async putBinding(actor: AuthUser, indicatorId: string, dto: PutStatbankBindingDto): Promise<StatbankBindingDto> {
    const binding: StatbankBinding = {
      tableId: dto.tableId,
      areaVariable: dto.areaVariable ?? 'OMRÅDE',
      municipalityCode: dto.municipalityCode,
      timeVariable: dto.timeVariable ?? 'Tid',
      variables: dto.variables.map((v) => ({ code: v.code, values: v.values })),
    };
    const problems = statbankBindingProblems(binding);
    if (problems.length)
      throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.messageEn}`).join('; '), {
        errors: problems.map((p) => ({ field: p.field, messages: [p.messageEn, p.message] })),
      });
    return this.dataSource.transaction(async (m) => {
      const [indicator] = (await m.query(`SELECT "id" FROM "indicator" WHERE "id" = $1`, [indicatorId])) as unknown[];
      if (!indicator) throw notFound('Indicator', indicatorId);
      const params = [
        indicatorId,
        binding.tableId,
        binding.areaVariable,
        binding.municipalityCode,
        binding.timeVariable,
        JSON.stringify(binding.variables),
        dto.yearly,
        actor.id,
      ];
      let rows: BindingRow[];
      if (dto.version === 0) {
        rows = (await m.query(
          `INSERT INTO "statbank_binding" ("indicator_id", "table_id", "area_variable", "municipality_code",
            "time_variable",
                  "variables", "yearly", "updated_by")
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT ("indicator_id") DO NOTHING RETURNING *`,
          params,
        )) as BindingRow[];
      } else {
        [rows] = (await m.query(
          `UPDATE "statbank_binding" SET "table_id" = $2, "area_variable" = $3, "municipality_code" = $4,
            "time_variable" = $5,
                  "variables" = $6::jsonb, "yearly" = $7, "updated_by" = $8, "updated_at" = now(), "version" =
                    "version" + 1
            WHERE "indicator_id" = $1 AND "version" = $9 RETURNING *`,
          [...params, dto.version],
        )) as [BindingRow[], number];
      }
      if (!rows.length) {
        const [current] = (await m.query(`SELECT "version" FROM "statbank_binding" WHERE "indicator_id" = $1`, [
          indicatorId,
        ])) as { version: number }[];
        throw versionConflict('The StatBank binding', dto.version, current?.version ?? 0);
      }
      if (dto.yearly) await this.scheduleYearly(m, indicatorId, new Date());
      return toBindingDto(rows[0]);
    });
  }

  async removeBinding(indicatorId: string, version: number): Promise<void> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM "statbank_binding" WHERE "indicator_id" = $1 AND "version" = $2`,
      [indicatorId, version],
    )) as [unknown, number];
    if (!affected) {
      const current = await this.binding(indicatorId);
      throw versionConflict('The StatBank binding', version, current.version);
    }
  }

  /** Queues a fetch of the bound indicator (the job does the request). */
  async startFetch(actor: AuthUser, indicatorId: string): Promise<StatbankFetchDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const [b] = (await m.query(`SELECT * FROM "statbank_binding" WHERE "indicator_id" = $1`, [
        indicatorId,
      ])) as BindingRow[];
      if (!b) throw notFound('StatBank binding of indicator', indicatorId);
      return this.queueFetch(m, b, actor.id, 'manual', null);
    });
    return this.fetchStatus(id!); // a manual fetch is always inserted (only a yearly one is once per year)
  }

  async fetchStatus(id: string): Promise<StatbankFetchDto> {
    const [f] = (await this.dataSource.query(
      `SELECT f.*, i."status" AS "import_status" FROM "statbank_fetch" f
         LEFT JOIN "indicator_import" i ON i."id" = f."measurement_import_id" WHERE f."id" = $1`,
      [id],
    )) as FetchRow[];
    if (!f) throw notFound('StatBank fetch', id);
    return toFetchDto(f);
  }

  async fetches(indicatorId: string): Promise<StatbankFetchDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.*, i."status" AS "import_status" FROM "statbank_fetch" f
         LEFT JOIN "indicator_import" i ON i."id" = f."measurement_import_id"
        WHERE f."indicator_id" = $1 ORDER BY f."created_at" DESC LIMIT 100`,
      [indicatorId],
    )) as FetchRow[];
    return rows.map(toFetchDto);
  }

  /** The job. Idempotent: a fetch already finished is left alone; a yearly run happens once per indicator and year. */
  async runJob(data: StatbankJobData): Promise<void> {
    if (data.yearly) return this.runYearly(data.yearly.indicatorId, data.yearly.year);
    if (data.fetchId) return this.run(data.fetchId);
  }

  /** Carries out one fetch: the request, the answer read, and its figures handed to the measurement import. */
  async run(fetchId: string): Promise<void> {
    const [f] = (await this.dataSource.query(
      `SELECT f."id", f."status", f."request", f."created_by", i."code", b.* FROM "statbank_fetch" f
         JOIN "indicator" i ON i."id" = f."indicator_id"
         LEFT JOIN "statbank_binding" b ON b."indicator_id" = f."indicator_id"
        WHERE f."id" = $1`,
      [fetchId],
    )) as (BindingRow & {
      id: string;
      status: string;
      request: Record<string, unknown>;
      created_by: string;
      code: string;
    })[];
    if (!f || f.status !== 'queued') return;
    try {
      if (!f.table_id)
        throw new FetchFailure(
          'Indikatoren er ikke længere bundet til en tabel i Statistikbanken',
          'The indicator is no longer bound to a StatBank table',
        );
      const text = await this.post(f.request);
      let records: string[][];
      try {
        records = parse(text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true });
      } catch (err) {
        throw new FetchFailure(
          `Svaret fra Statistikbanken er ikke CSV: ${(err as Error).message}`,
          `StatBank's answer is not CSV: ${(err as Error).message}`,
        );
      }
      const answer = readStatbankAnswer(records, asBinding(f));
      if (answer.errors.length)
        throw new FetchFailure(
          `Svaret fra Statistikbanken kan ikke indlæses (${answer.errors.length} fejl); intet er indlæst`,
          `StatBank's answer cannot be loaded (${answer.errors.length} errors); nothing was loaded`,
          answer.errors,
        );
      if (!answer.values.length)
        throw new FetchFailure(
          'Statistikbanken svarede uden tal for kommunen; intet er indlæst',
          'StatBank answered with no figures for the municipality; nothing was loaded',
        );
      const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const source = `Danmarks Statistik, Statistikbanken tabel ${f.table_id}`;
      const lines = ['area;indicator;period;value;source;statbank_fetch'];
      for (const v of answer.values)
        lines.push([cell('city'), cell(f.code), v.period, String(v.value), cell(source), cell(fetchId)].join(';'));
      const buffer = Buffer.from(lines.join('\n') + '\n', 'utf8');
      const actor = await this.actor(f.created_by);
      const accepted = await this.measurements.upload(actor, {
        originalname: `statbank-${f.table_id.toLowerCase()}-${f.code}.csv`,
        buffer,
        size: buffer.length,
      });
      await this.dataSource.query(
        `UPDATE "statbank_fetch" SET "status" = 'succeeded', "values_found" = $2, "values_skipped" = $3,
                "measurement_import_id" = $4, "finished_at" = now() WHERE "id" = $1 AND "status" = 'queued'`,
        [fetchId, answer.values.length, answer.skipped, accepted.id],
      );
      this.logger.log(`StatBank ${f.table_id}: ${answer.values.length} figures for ${f.code} → import ${accepted.id}`);
    } catch (err) {
      const failure = err instanceof FetchFailure ? err : this.unreachable(err);
      await this.dataSource.query(
        `UPDATE "statbank_fetch" SET "status" = 'failed', "message" = $2, "message_en" = $3, "errors" = $4::jsonb,
                "finished_at" = now() WHERE "id" = $1 AND "status" = 'queued'`,
        [fetchId, failure.da, failure.en, JSON.stringify(failure.rowErrors.slice(0, 1000))],
      );
      this.logger.warn(`StatBank fetch ${fetchId} failed: ${failure.en}`);
    }
  }

  /** The yearly run: a fetch for the year (once), and the next year's run scheduled. */
  async runYearly(indicatorId: string, year: number): Promise<void> {
    const fetchId = await this.dataSource.transaction(async (m) => {
      const [b] = (await m.query(`SELECT * FROM "statbank_binding" WHERE "indicator_id" = $1 AND "yearly"`, [
        indicatorId,
      ])) as BindingRow[];
      if (!b) return null; // unbound, or no longer yearly: nothing to do
      await this.scheduleYearly(m, indicatorId, new Date(Date.UTC(year, 11, 31)));
      const actor = b.updated_by ?? (await this.firstAdministrator(m));
      if (!actor) return null;
      return this.queueFetch(m, b, actor, 'yearly', year, false);
    });
    if (fetchId) await this.run(fetchId);
  }

  private async queueFetch(
    m: EntityManager,
    b: BindingRow,
    actorId: string,
    trigger: 'manual' | 'yearly',
    year: number | null,
    enqueue = true,
  ): Promise<string | null> {
    const rows = (await m.query(
      `INSERT INTO "statbank_fetch" ("indicator_id", "trigger", "scheduled_year", "request", "created_by")
       VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT DO NOTHING RETURNING "id"`,
      [b.indicator_id, trigger, year, JSON.stringify(statbankRequest(asBinding(b))), actorId],
    )) as { id: string }[];
    const id = rows[0]?.id ?? null;
    if (id && enqueue)
      await this.outbox.add(m, {
        queue: QUEUES.indicators,
        name: JOB_NAMES.statbankFetch,
        jobId: stableJobId('statbank-fetch', id),
        data: { fetchId: id } satisfies StatbankJobData,
      });
    return id;
  }

  /** The next yearly run after `after`, on STATBANK_YEARLY_DATE (07:00 UTC); its stable id makes it one per year. */
  private async scheduleYearly(m: EntityManager, indicatorId: string, after: Date): Promise<void> {
    const { yearlyMonth: month, yearlyDay: day } = this.settings;
    let year = after.getUTCFullYear();
    if (Date.UTC(year, month - 1, day, 7) <= after.getTime()) year++;
    await this.outbox.add(m, {
      queue: QUEUES.indicators,
      name: JOB_NAMES.statbankFetch,
      jobId: stableJobId('statbank-yearly', indicatorId, year),
      data: { yearly: { indicatorId, year } } satisfies StatbankJobData,
      runAt: new Date(Date.UTC(year, month - 1, day, 7)),
    });
  }

  /**
   * No answer: the words say where it was sent and why it got none (fetch's own message is only "fetch failed";
   * the reason is its cause), and that nothing was loaded.
   */
  private unreachable(err: unknown): FetchFailure {
    const url = `${this.settings.baseUrl}/data`;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e?.name === 'TimeoutError') {
      const s = Math.round(this.settings.timeoutMs / 100) / 10;
      return new FetchFailure(
        `Statistikbanken (${url}) svarede ikke inden for ${String(s).replace('.', ',')} s; intet er indlæst`,
        `StatBank (${url}) did not answer within ${s} s; nothing was loaded`,
      );
    }
    const why = e?.cause?.message || e?.cause?.code || e?.message || String(err);
    return new FetchFailure(
      `Statistikbanken (${url}) kunne ikke nås: ${why}; intet er indlæst`,
      `StatBank (${url}) could not be reached: ${why}; nothing was loaded`,
    );
  }

  private async post(body: Record<string, unknown>): Promise<string> {
    const url = `${this.settings.baseUrl}/data`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv, application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    const text = decodeText(Buffer.from(await res.arrayBuffer()));
    if (!res.ok) {
      let said = text.trim().slice(0, 500);
      try {
        const json = JSON.parse(text) as { message?: unknown; errorTypeCode?: unknown };
        said = [json.errorTypeCode, json.message].filter((x) => typeof x === 'string').join(': ') || said;
      } catch {
        // not JSON: the text as it came
      }
      throw new FetchFailure(
        `Statistikbanken svarede ${res.status}: ${said || res.statusText}; intet er indlæst`,
        `StatBank answered ${res.status}: ${said || res.statusText}; nothing was loaded`,
      );
    }
    return text;
  }

  private async actor(userId: string): Promise<AuthUser> {
    const [u] = (await this.dataSource.query(
      `SELECT "id", "email", "display_name", "roles", "administration_id" FROM "app_user" WHERE "id" = $1`,
      [userId],
    )) as { id: string; email: string; display_name: string; roles: Role[]; administration_id: string | null }[];
    if (!u) throw new FetchFailure('Brugeren der startede hentningen findes ikke', 'The user who started it is gone');
    return {
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      roles: u.roles,
      administrationId: u.administration_id,
    };
  }

  private async firstAdministrator(m: EntityManager): Promise<string | null> {
    const [u] = (await m.query(
      `SELECT "id" FROM "app_user" WHERE "active" AND 'administrator' = ANY("roles") ORDER BY "created_at" LIMIT 1`,
    )) as { id: string }[];
    return u?.id ?? null;
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  HOUSING_CRITERIA,
  HOUSING_CRITERION_LABELS,
  HOUSING_LISTS,
  HOUSING_LIST_LABELS,
  HousingListRowValidator,
  housingAreaKey,
  isBlankRow,
  mapHousingHeader,
  type HousingCriterion,
  type HousingList,
  type HousingListError,
  type ValidListingRow,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { uniqueConflict } from '../platform/common/database-conflicts.js';
import { detectFormat, fileRows } from '../indicators/import-file-reader.js';
import { ImportService, type UploadedFile } from '../indicators/import.service.js';
import { INDICATOR_SETTINGS, type IndicatorSettings } from '../indicators/indicator-settings.js';
import type {
  CountedIndicatorDto,
  CreateHousingAreaDto,
  CreateListingDto,
  HousingAreaChangeDto,
  HousingAreaDto,
  HousingAreasDto,
  HousingImportDto,
  HousingListsDto,
  UpdateHousingAreaDto,
} from './housing-areas.dto.js';

/** Errors kept on a failed list import (the count is always exact). */
const ERRORS_KEPT = 1000;
/** What "halve the list" counts when no indicator says otherwise: the especially deprived list and its successor. */
export const DEFAULT_COUNTED_LISTS: HousingList[] = ['especially_deprived', 'parallel_society'];

interface ImportRow {
  id: string;
  year: number;
  file_name: string;
  format: string;
  checksum: string;
  status: 'succeeded' | 'failed';
  rows_total: number;
  listed: number;
  housing_areas_added: number;
  error_count: number;
  errors: HousingListError[];
  measurement_import_id: string | null;
  created_by: string;
  created_at: Date;
}

const toImportDto = (r: ImportRow, duplicate?: boolean): HousingImportDto => ({
  id: r.id,
  year: r.year,
  fileName: r.file_name,
  format: r.format,
  checksum: r.checksum,
  status: r.status,
  rowsTotal: r.rows_total,
  listed: r.listed,
  housingAreasAdded: r.housing_areas_added,
  errorCount: r.error_count,
  errors: r.errors,
  measurementImportId: r.measurement_import_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  ...(duplicate === undefined ? {} : { duplicate }),
});

const fieldError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, messages: [message] }] });

/**
 * The government's lists of housing areas: housing areas (name, housing
 * association, the area they lie in) and per year the lists each is on, with
 * the criteria it met. A year's list comes as one file (the lists are
 * published every 1 December), read by the measurement import's reader and
 * loaded all or nothing; administrators also edit them by hand. Every change
 * is on the record (housing_area_change, by trigger). After each change of a
 * year, the indicators measured from the lists (housing_list_indicator, e.g.
 * the goal "halve the list") get that year's counts per area and for the
 * city, written through the ordinary measurement import.
 */
@Injectable()
export class HousingAreasService {
  private readonly logger = new Logger('HousingAreas');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly measurements: ImportService,
    @Inject(INDICATOR_SETTINGS) private readonly settings: IndicatorSettings,
  ) {}

  lists(): HousingListsDto {
    return {
      lists: HOUSING_LISTS.map((code) => ({
        code,
        name: HOUSING_LIST_LABELS[code].da,
        nameEn: HOUSING_LIST_LABELS[code].en,
      })),
      criteria: HOUSING_CRITERIA.map((code) => ({
        code,
        name: HOUSING_CRITERION_LABELS[code].da,
        nameEn: HOUSING_CRITERION_LABELS[code].en,
      })),
    };
  }

  /** One year's list as a file: all of it, or (with any error) nothing, with each row's errors on the import. */
  async importList(actor: AuthUser, year: number, file: UploadedFile | undefined): Promise<HousingImportDto> {
    if (!file || !file.buffer)
      throw fieldError('file', 'file must be a CSV or XLSX file sent as the multipart field "file"');
    if (file.size === 0) throw fieldError('file', 'file is empty');
    if (file.size > this.settings.importMaxBytes)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `file: the file is larger than ${Math.round(this.settings.importMaxBytes / 1024 / 1024)} MB`,
      );
    const fileName = (file.originalname || 'upload').slice(0, 255);
    const format = detectFormat(file.buffer, fileName);
    if (typeof format !== 'string') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: ${format.refusedEn}`, {
        errors: [{ field: 'file', messages: [format.refusedEn, format.refused] }],
      });
    }
    const checksum = createHash('sha256').update(file.buffer).digest('hex');
    const [already] = (await this.dataSource.query(
      `SELECT * FROM "housing_area_import" WHERE "checksum" = $1 AND "year" = $2 AND "status" = 'succeeded'
        ORDER BY "created_at" DESC LIMIT 1`,
      [checksum, year],
    )) as ImportRow[];
    if (already) return toImportDto(already, true);

    const { rows, errors, errorCount } = await this.readRows(format, file.buffer);
    const record = async (m: EntityManager, status: 'succeeded' | 'failed', listed = 0, added = 0) => {
      const [row] = (await m.query(
        `INSERT INTO "housing_area_import" ("year", "file_name", "format", "checksum", "size_bytes", "status",
          "rows_total",
                "listed", "housing_areas_added", "error_count", "errors", "created_by")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12) RETURNING *`,
        [
          year,
          fileName,
          format,
          checksum,
          file.size,
          status,
          rows.total,
          listed,
          added,
          errorCount,
          JSON.stringify(errors),
          actor.id,
        ],
      )) as ImportRow[];
      await m.query(`INSERT INTO "housing_area_import_file" ("import_id", "content") VALUES ($1, $2)`, [
        row.id,
        file.buffer,
      ]);
      return row;
    };
    if (errorCount > 0) {
      const failed = await this.dataSource.transaction((m) => record(m, 'failed'));
      return toImportDto(failed, false);
    }
    const loaded = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      // One list import at a time, so two files for the same year cannot interleave.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('byloeft.housing-list-import'))`);
      const imp = await record(m, 'succeeded');
      const { added, listed } = await this.replaceYear(m, actor, year, rows.valid, imp.id);
      // An UPDATE answers [rows, affected].
      const [[row]] = (await m.query(
        `UPDATE "housing_area_import" SET "listed" = $2, "housing_areas_added" = $3 WHERE "id" = $1 RETURNING *`,
        [imp.id, listed, added],
      )) as [ImportRow[], number];
      return row;
    });
    const measurementImportId = await this.writeCounts(actor, year, `housing-import:${loaded.id}`);
    const [[final]] = (await this.dataSource.query(
      `UPDATE "housing_area_import" SET "measurement_import_id" = $2 WHERE "id" = $1 RETURNING *`,
      [loaded.id, measurementImportId],
    )) as [ImportRow[], number];
    return toImportDto(final, false);
  }

  async importStatus(id: string): Promise<HousingImportDto> {
    const [row] = (await this.dataSource.query(`SELECT * FROM "housing_area_import" WHERE "id" = $1`, [
      id,
    ])) as ImportRow[];
    if (!row) throw notFound('Housing-list import', id);
    return toImportDto(row);
  }

  async listImports(): Promise<HousingImportDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM "housing_area_import" ORDER BY "created_at" DESC LIMIT 200`,
    )) as ImportRow[];
    return rows.map((r) => toImportDto(r));
  }

  /** Housing areas (in one area, or all) with every year they were listed, and the counts per year. */
  async housingAreas(areaId?: string): Promise<HousingAreasDto> {
    if (areaId) {
      const [area] = (await this.dataSource.query(`SELECT "id" FROM "area" WHERE "id" = $1`, [areaId])) as unknown[];
      if (!area) throw notFound('Area', areaId);
    }
    const areas = (await this.dataSource.query(
      `SELECT h."id", h."name", h."housing_association", h."area_id", a."name" AS "area_name", h."version"
         FROM "housing_area" h LEFT JOIN "area" a ON a."id" = h."area_id"
        WHERE ($1::uuid IS NULL OR h."area_id" = $1::uuid) ORDER BY h."name"`,
      [areaId ?? null],
    )) as {
      id: string;
      name: string;
      housing_association: string;
      area_id: string | null;
      area_name: string | null;
      version: number;
    }[];
    const listings = (await this.dataSource.query(
      `SELECT l."id", l."housing_area_id", l."year", l."list", l."criteria", l."import_id"
         FROM "housing_area_listing" l WHERE l."housing_area_id" = ANY($1::uuid[]) ORDER BY l."year" DESC, l."list"`,
      [areas.map((a) => a.id)],
    )) as {
      id: string;
      housing_area_id: string;
      year: number;
      list: HousingList;
      criteria: HousingCriterion[];
      import_id: string | null;
    }[];
    const years = (
      (await this.dataSource.query(
        `SELECT DISTINCT "year" FROM "housing_area_listing" UNION SELECT DISTINCT "year" FROM "housing_area_import"
          WHERE "status" = 'succeeded' ORDER BY 1`,
      )) as { year: number }[]
    ).map((r) => r.year);
    const counted = await this.countedLists();
    const counts = (await this.dataSource.query(
      `SELECT y."year", count(DISTINCT l."housing_area_id")::int AS "count"
         FROM unnest($1::int[]) AS y("year")
         LEFT JOIN "housing_area_listing" l ON l."year" = y."year" AND l."list" = ANY($2::text[])
              AND ($3::uuid IS NULL OR l."housing_area_id" IN (SELECT "id" FROM "housing_area" WHERE "area_id" =
                $3::uuid))
        GROUP BY y."year" ORDER BY y."year"`,
      [years, counted, areaId ?? null],
    )) as { year: number; count: number }[];
    return {
      areaId: areaId ?? null,
      housingAreas: areas.map((a) => ({
        id: a.id,
        name: a.name,
        housingAssociation: a.housing_association,
        areaId: a.area_id,
        areaName: a.area_name,
        version: a.version,
        listings: listings
          .filter((l) => l.housing_area_id === a.id)
          .map((l) => ({
            id: l.id,
            year: l.year,
            list: l.list,
            listName: HOUSING_LIST_LABELS[l.list].da,
            criteria: l.criteria,
            importId: l.import_id,
          })),
      })),
      years,
      counts,
    };
  }

  async housingArea(id: string): Promise<HousingAreaDto> {
    const [found] = (await this.dataSource.query(`SELECT "area_id" FROM "housing_area" WHERE "id" = $1`, [id])) as {
      area_id: string | null;
    }[];
    if (!found) throw notFound('Housing area', id);
    const all = await this.housingAreas(found.area_id ?? undefined);
    return all.housingAreas.find((h) => h.id === id)!;
  }

  async create(actor: AuthUser, dto: CreateHousingAreaDto): Promise<HousingAreaDto> {
    const id = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      await this.checkName(m, dto.name, null);
      const [row] = (await m.query(
        `INSERT INTO "housing_area" ("name", "housing_association", "area_id") VALUES ($1, $2, $3) RETURNING "id"`,
        [dto.name.trim(), dto.housingAssociation?.trim() ?? '', dto.areaId ?? null],
      )) as { id: string }[];
      return row.id;
    });
    return this.housingArea(id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateHousingAreaDto): Promise<HousingAreaDto> {
    const years = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      const [current] = (await m.query(`SELECT "version", "area_id" FROM "housing_area" WHERE "id" = $1`, [id])) as {
        version: number;
        area_id: string | null;
      }[];
      if (!current) throw notFound('Housing area', id);
      if (dto.name !== undefined) await this.checkName(m, dto.name, id);
      const [, affected] = (await m.query(
        `UPDATE "housing_area" SET "name" = COALESCE($3, "name"), "housing_association" = COALESCE($4,
          "housing_association"),
                "area_id" = CASE WHEN $5 THEN $6::uuid ELSE "area_id" END, "version" = "version" + 1, "updated_at" =
                  now()
          WHERE "id" = $1 AND "version" = $2`,
        [
          id,
          dto.version,
          dto.name?.trim() ?? null,
          dto.housingAssociation?.trim() ?? null,
          dto.areaId !== undefined,
          dto.areaId ?? null,
        ],
      )) as [unknown, number];
      if (!affected) throw versionConflict('The housing area', dto.version, current.version);
      // Moved to another area: the counts of every year it was listed change.
      if (dto.areaId === undefined || dto.areaId === current.area_id) return [];
      return (
        (await m.query(`SELECT DISTINCT "year" FROM "housing_area_listing" WHERE "housing_area_id" = $1`, [id])) as {
          year: number;
        }[]
      ).map((r) => r.year);
    });
    for (const year of years) await this.writeCounts(actor, year, `housing-area:${id}:${randomUUID()}`);
    return this.housingArea(id);
  }

  async addListing(actor: AuthUser, id: string, dto: CreateListingDto): Promise<HousingAreaDto> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      const [found] = (await m.query(`SELECT "id" FROM "housing_area" WHERE "id" = $1`, [id])) as unknown[];
      if (!found) throw notFound('Housing area', id);
      const inserted = (await m.query(
        `INSERT INTO "housing_area_listing" ("housing_area_id", "year", "list", "criteria", "created_by")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("housing_area_id", "year", "list") DO NOTHING RETURNING "id"`,
        [id, dto.year, dto.list, dto.criteria ?? [], actor.id],
      )) as unknown[];
      if (!inserted.length) throw uniqueConflict('UQ_housing_area_listing', { list: dto.list, year: dto.year });
    });
    await this.writeCounts(actor, dto.year, `listing:${id}:${randomUUID()}`);
    return this.housingArea(id);
  }

  async removeListing(actor: AuthUser, id: string, listingId: string): Promise<HousingAreaDto> {
    const year = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      const deleted = (await m.query(
        `DELETE FROM "housing_area_listing" WHERE "id" = $1 AND "housing_area_id" = $2 RETURNING "year"`,
        [listingId, id],
      )) as [{ year: number }[], number];
      const row = deleted[0]?.[0];
      if (!row) throw notFound('Listing', listingId);
      return row.year;
    });
    await this.writeCounts(actor, year, `listing:${id}:${randomUUID()}`);
    return this.housingArea(id);
  }

  async history(id: string): Promise<HousingAreaChangeDto[]> {
    const [found] = (await this.dataSource.query(`SELECT 1 FROM "housing_area" WHERE "id" = $1`, [id])) as unknown[];
    if (!found) throw notFound('Housing area', id);
    const rows = (await this.dataSource.query(
      `SELECT c."id"::text AS "id", c."subject", c."operation", c."before", c."after", c."actor_id",
        u."display_name", c."created_at"
         FROM "housing_area_change" c LEFT JOIN "app_user" u ON u."id" = c."actor_id"
        WHERE c."housing_area_id" = $1 ORDER BY c."id"`,
      [id],
    )) as {
      id: string;
      subject: string;
      operation: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actor_id: string | null;
      display_name: string | null;
      created_at: Date;
    }[];
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      operation: r.operation,
      before: r.before,
      after: r.after,
      actorId: r.actor_id,
      actorName: r.display_name,
      at: r.created_at,
    }));
  }

  /**
   * Writes a year's counts for every indicator measured from the lists, per area and for the city, through the
   * measurement import (on the record, all or nothing). `marker` makes the file unique, so a count that goes
   * back to an earlier value is written again rather than taken for a file already loaded. Returns the import's id.
   */
  async writeCounts(actor: AuthUser, year: number, marker: string): Promise<string | null> {
    const bound = (await this.dataSource.query(
      `SELECT i."code", i."source", b."lists" FROM "housing_list_indicator" b JOIN "indicator" i ON i."id" =
        b."indicator_id" ORDER BY i."code"`,
    )) as { code: string; source: string; lists: HousingList[] }[];
    if (!bound.length) return null;
    const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = ['area;indicator;period;value;source;written_from'];
    for (const b of bound) {
      const perArea = (await this.dataSource.query(
        `SELECT a."code", count(DISTINCT l."housing_area_id")::int AS "n"
           FROM "area" a
           LEFT JOIN "housing_area" h ON h."area_id" = a."id"
           LEFT JOIN "housing_area_listing" l ON l."housing_area_id" = h."id" AND l."year" = $1 AND l."list" =
             ANY($2::text[])
          GROUP BY a."code" ORDER BY a."code"`,
        [year, b.lists],
      )) as { code: string; n: number }[];
      const [{ n: city }] = (await this.dataSource.query(
        `SELECT count(DISTINCT "housing_area_id")::int AS "n" FROM "housing_area_listing" WHERE "year" = $1 AND
          "list" = ANY($2::text[])`,
        [year, b.lists],
      )) as { n: number }[];
      const source = `${b.source} (${b.lists.map((l) => HOUSING_LIST_LABELS[l].da).join(', ')}, 1. december ${year})`;
      lines.push([cell('city'), cell(b.code), String(year), String(city), cell(source), cell(marker)].join(';'));
      for (const a of perArea)
        lines.push([cell(a.code), cell(b.code), String(year), String(a.n), cell(source), cell(marker)].join(';'));
    }
    const buffer = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const accepted = await this.measurements.upload(actor, {
      originalname: `boligomraader-${year}-optaelling.csv`,
      buffer,
      size: buffer.length,
    });
    this.logger.log(`Counts of the housing lists for ${year}: measurement import ${accepted.id}`);
    return accepted.id;
  }

  /** The indicators measured from the lists, and which lists each counts. */
  async countedIndicators(): Promise<CountedIndicatorDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT i."id", i."code", i."name", b."lists" FROM "housing_list_indicator" b JOIN "indicator" i ON i."id" =
        b."indicator_id"
        ORDER BY i."sort_order", i."code"`,
    )) as { id: string; code: string; name: string; lists: HousingList[] }[];
    return rows.map((r) => ({ indicatorId: r.id, indicatorCode: r.code, indicatorName: r.name, lists: r.lists }));
  }

  /**
   * Measures an indicator from the lists (or changes which lists it counts), and writes its counts for every
   * year a list was loaded, through the measurement import.
   */
  async putCountedIndicator(actor: AuthUser, indicatorId: string, lists: HousingList[]): Promise<CountedIndicatorDto> {
    const [indicator] = (await this.dataSource.query(`SELECT "id" FROM "indicator" WHERE "id" = $1`, [
      indicatorId,
    ])) as unknown[];
    if (!indicator) throw notFound('Indicator', indicatorId);
    await this.dataSource.query(
      `INSERT INTO "housing_list_indicator" ("indicator_id", "lists") VALUES ($1, $2)
       ON CONFLICT ("indicator_id") DO UPDATE SET "lists" = EXCLUDED."lists"`,
      [indicatorId, lists],
    );
    const { years } = await this.housingAreas();
    for (const year of years) await this.writeCounts(actor, year, `counted:${indicatorId}:${randomUUID()}`);
    return (await this.countedIndicators()).find((c) => c.indicatorId === indicatorId)!;
  }

  /** The lists counted by the first indicator measured from them (the goal "halve the list"). */
  private async countedLists(): Promise<HousingList[]> {
    const [row] = (await this.dataSource.query(
      `SELECT b."lists" FROM "housing_list_indicator" b JOIN "indicator" i ON i."id" = b."indicator_id" ORDER BY
        i."sort_order", i."code" LIMIT 1`,
    )) as { lists: HousingList[] }[];
    return row?.lists ?? DEFAULT_COUNTED_LISTS;
  }

  private async checkName(m: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const key = housingAreaKey(name);
    const rows = (await m.query(`SELECT "id", "name" FROM "housing_area"`)) as { id: string; name: string }[];
    const same = rows.find((r) => r.id !== exceptId && housingAreaKey(r.name) === key);
    if (same) throw uniqueConflict('UQ_housing_area_name', { name: same.name });
  }

  /** Reads and validates a list file with the measurement import's reader; every error is kept (the first 1000). */
  private async readRows(
    format: 'csv' | 'xlsx',
    content: Buffer,
  ): Promise<{ rows: { total: number; valid: ValidListingRow[] }; errors: HousingListError[]; errorCount: number }> {
    const errors: HousingListError[] = [];
    let errorCount = 0;
    const add = (e: HousingListError[]) => {
      errorCount += e.length;
      for (const x of e) if (errors.length < ERRORS_KEPT) errors.push(x);
    };
    const valid: ValidListingRow[] = [];
    let total = 0;
    const areas = (await this.dataSource.query(`SELECT "id", "code", "name" FROM "area"`)) as {
      id: string;
      code: string;
      name: string;
    }[];
    let validator: HousingListRowValidator | null = null;
    try {
      for await (const { row, cells } of fileRows(format, content)) {
        if (isBlankRow(cells)) continue;
        if (!validator) {
          const header = mapHousingHeader(cells);
          if (header.errors.length) {
            add(header.errors.map((e) => ({ ...e, row })));
            break;
          }
          validator = new HousingListRowValidator({ areas }, header.columns);
          continue;
        }
        total++;
        const result = validator.validate(row, cells);
        if (result.valid) valid.push(result.valid);
        else add(result.errors);
      }
    } catch (err) {
      add([
        {
          row: 0,
          column: null,
          message: `Filen kunne ikke læses: ${(err as Error).message}`,
          messageEn: `The file could not be read: ${(err as Error).message}`,
        },
      ]);
    }
    if (!validator && errorCount === 0)
      add([{ row: 0, column: null, message: 'Filen er tom', messageEn: 'The file has no rows' }]);
    return { rows: { total, valid }, errors, errorCount };
  }

  /** Makes the year's listings what the file says: new ones added, changed criteria updated, the rest removed. */
  private async replaceYear(
    m: EntityManager,
    actor: AuthUser,
    year: number,
    rows: ValidListingRow[],
    importId: string,
  ): Promise<{ added: number; listed: number }> {
    const existing = (await m.query(
      `SELECT "id", "name", "housing_association", "area_id" FROM "housing_area" FOR UPDATE`,
    )) as { id: string; name: string; housing_association: string; area_id: string | null }[];
    const byKey = new Map(existing.map((h) => [housingAreaKey(h.name), h]));
    let added = 0;
    const wanted = new Map<string, { housingAreaId: string; list: HousingList; criteria: HousingCriterion[] }>();
    for (const r of rows) {
      const key = housingAreaKey(r.name);
      let h = byKey.get(key);
      if (!h) {
        const [row] = (await m.query(
          `INSERT INTO "housing_area" ("name", "housing_association", "area_id") VALUES ($1, $2, $3)
           RETURNING "id", "name", "housing_association", "area_id"`,
          [r.name, r.association ?? '', r.areaId ?? null],
        )) as { id: string; name: string; housing_association: string; area_id: string | null }[];
        h = row;
        byKey.set(key, row);
        added++;
      } else {
        const association = r.association ?? h.housing_association;
        const areaId = r.areaId === undefined ? h.area_id : r.areaId;
        if (association !== h.housing_association || areaId !== h.area_id) {
          await m.query(
            `UPDATE "housing_area" SET "housing_association" = $2, "area_id" = $3, "version" = "version" + 1,
              "updated_at" = now() WHERE "id" = $1`,
            [h.id, association, areaId],
          );
          Object.assign(h, { housing_association: association, area_id: areaId });
        }
      }
      wanted.set(`${h.id}|${r.list}`, { housingAreaId: h.id, list: r.list, criteria: [...r.criteria].sort() });
    }
    const current = (await m.query(
      `SELECT "id", "housing_area_id", "list", "criteria" FROM "housing_area_listing" WHERE "year" = $1`,
      [year],
    )) as { id: string; housing_area_id: string; list: HousingList; criteria: HousingCriterion[] }[];
    for (const c of current) {
      const w = wanted.get(`${c.housing_area_id}|${c.list}`);
      if (!w) {
        await m.query(`DELETE FROM "housing_area_listing" WHERE "id" = $1`, [c.id]);
      } else {
        wanted.delete(`${c.housing_area_id}|${c.list}`);
        if ([...c.criteria].sort().join(',') !== w.criteria.join(','))
          await m.query(`UPDATE "housing_area_listing" SET "criteria" = $2, "import_id" = $3 WHERE "id" = $1`, [
            c.id,
            w.criteria,
            importId,
          ]);
      }
    }
    for (const w of wanted.values()) {
      await m.query(
        `INSERT INTO "housing_area_listing" ("housing_area_id", "year", "list", "criteria", "import_id", "created_by")
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [w.housingAreaId, year, w.list, w.criteria, importId, actor.id],
      );
    }
    return { added, listed: rows.length };
  }
}

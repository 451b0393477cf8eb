import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NO_DAYS_OFF, daysOffBetween, workingDaysBetween, type NonWorkingDays, type WorkingCalendar } from '#domain';
import { fieldError } from '../platform/common/field-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** How often another process's change of the days off is picked up (this process's own at once). */
const REFRESH_MS = 30_000;

/**
 * THE working-day calendar of this installation: the public holidays of HOLIDAY_COUNTRY and the
 * municipality's own days off (NON_WORKING_DAYS, `municipality.non_working_days`). Every working-day
 * calculation (stage due dates, reminders, evaluation deadlines, lead times) takes it from here, so they
 * all count the same days. Held in memory (the calculations are synchronous and hot), loaded at start,
 * replaced at once when this process saves the setting, and checked every 30 s for a change made by
 * another process (one small query on the municipality's version).
 */
@Injectable()
export class WorkingCalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkingCalendarService.name);
  private calendar: WorkingCalendar;
  private loadedVersion: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {
    this.calendar = { country: config.env.HOLIDAY_COUNTRY, nonWorkingDays: NO_DAYS_OFF };
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(true), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The calendar as it stands. */
  get current(): WorkingCalendar {
    return this.calendar;
  }

  /** Takes the municipality's days off as they are in the database (only when its version moved, if `lazy`). */
  async refresh(lazy = false): Promise<WorkingCalendar> {
    try {
      if (lazy && this.loadedVersion !== null) {
        const [row] = (await this.ds.query(`SELECT "version" FROM "municipality" WHERE "id" = 1`)) as {
          version: number;
        }[];
        if (row?.version === this.loadedVersion) return this.calendar;
      }
      const [row] = (await this.ds.query(
        `SELECT "version", "non_working_days" FROM "municipality" WHERE "id" = 1`,
      )) as { version: number; non_working_days: NonWorkingDays | null }[];
      this.use(row?.non_working_days ?? null, row?.version ?? null);
    } catch (err) {
      // A process that cannot read it keeps the days off it had (at worst only the public holidays).
      this.logger.warn(`Could not read the municipality's days off: ${(err as Error).message}`);
    }
    return this.calendar;
  }

  /** The longest span `describe` lists (about three years). */
  static readonly MAX_SPAN_DAYS = 1100;

  /** The days off on weekdays in [from, to] and the working days after `from` up to `to`, as this calendar counts. */
  async describe(from: string, to: string) {
    if (to < from) throw fieldError('to', 'must not be before from');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > WorkingCalendarService.MAX_SPAN_DAYS)
      throw fieldError('to', `must be at most ${WorkingCalendarService.MAX_SPAN_DAYS} days after from`);
    const calendar = await this.refresh(true);
    return {
      country: calendar.country,
      nonWorkingDays: calendar.nonWorkingDays ?? NO_DAYS_OFF,
      daysOff: daysOffBetween(from, to, calendar),
      workingDays: workingDaysBetween(from, to, calendar),
    };
  }

  /** This process saved the setting: count with it from now on. */
  use(nonWorkingDays: NonWorkingDays | null, version: number | null): void {
    const off = nonWorkingDays ?? NO_DAYS_OFF;
    this.calendar = {
      country: this.config.env.HOLIDAY_COUNTRY,
      nonWorkingDays: { dates: [...(off.dates ?? [])], yearly: [...(off.yearly ?? [])] },
    };
    this.loadedVersion = version;
  }
}

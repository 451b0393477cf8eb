import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '#domain';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { locateProjectRoot } from '../platform/web/web-assets.js';
import { ImportService } from '../indicators/import.service.js';
import type { ImportAcceptedDto } from '../indicators/indicators.dto.js';

/** The illustrative sample file (fiktive eksempeltal, not real statistics): every seeded indicator, 2010–2024. */
export const SAMPLE_FILE = 'eksempeldata-illustrativ.csv';

export function sampleFilePath(): string {
  return join(locateProjectRoot(), 'samples', SAMPLE_FILE);
}

/**
 * SEED_SAMPLE_DATA=true (embedded default only; the runtime refuses it with
 * DATABASE_URL): at start-up the sample file goes through the ordinary
 * measurement import, uploaded by the first administrator, so it is on the
 * record like any upload. The same file again is the import already made
 * (by checksum), so a restart loads nothing twice.
 */
@Injectable()
export class SampleDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('SampleData');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.databaseKind !== 'embedded') return;
    if (this.config.env.SEED_SAMPLE_DATA !== 'true') {
      this.logger.log(
        `To see every goal with a status, start with SEED_SAMPLE_DATA=true (illustrative figures: ` +
          `samples/${SAMPLE_FILE})`,
      );
      return;
    }
    const accepted = await this.load();
    if (accepted)
      this.logger.log(
        `Sample data (illustrative, not real statistics): import ${accepted.id} ` +
          `${accepted.duplicate ? 'already made' : 'queued'}`,
      );
  }

  /** Uploads the sample file as the first active administrator; null (and a warning) when there is none. */
  async load(): Promise<ImportAcceptedDto | null> {
    const [admin] = (await this.dataSource.query(
      `SELECT "id", "email", "display_name", "roles", "administration_id" FROM "app_user"
        WHERE "active" AND 'administrator' = ANY("roles") ORDER BY "created_at", "email" LIMIT 1`,
    )) as { id: string; email: string; display_name: string; roles: Role[]; administration_id: string | null }[];
    if (!admin) {
      this.logger.warn('SEED_SAMPLE_DATA: no administrator account to load the sample data as; nothing loaded');
      return null;
    }
    const buffer = await readFile(sampleFilePath());
    return this.imports.upload(
      {
        id: admin.id,
        email: admin.email,
        displayName: admin.display_name,
        roles: admin.roles,
        administrationId: admin.administration_id,
      },
      { originalname: SAMPLE_FILE, buffer, size: buffer.length },
    );
  }
}

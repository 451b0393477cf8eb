import { describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import type { ImportOutcome, ImportService } from './import.service.js';
import { IndicatorImportJob } from './indicator-import.job.js';

/** The job around ImportService.run: what BullMQ is told for each outcome. */
function sut(status: ImportOutcome['status']) {
  const gaveUp: string[] = [];
  const imports = {
    run: async () => ({ status }) as ImportOutcome,
    giveUp: async (id: string) => void gaveUp.push(id),
  } as unknown as ImportService;
  const registry = new JobHandlerRegistry();
  new IndicatorImportJob(registry, imports).onModuleInit();
  const job = (attemptsMade: number) =>
    ({
      name: JOB_NAMES.indicatorImport,
      queueName: 'indicators',
      data: { importId: '6f1d7d0e-1111-4222-8333-444455556666' },
      attemptsMade,
      opts: { attempts: 5 },
    }) as unknown as Job;
  return { registry, job, gaveUp };
}

describe('the indicator-import job', () => {
  it('completes when the import is done or was finished already', async () => {
    for (const status of ['succeeded', 'failed', 'skipped'] as const) {
      const { registry, job } = sut(status);
      await expect(registry.dispatch(job(0))).resolves.toBeUndefined();
    }
  });

  it('is retried, not completed, while another run is writing the import, and never gives the import up for it', async () => {
    const { registry, job, gaveUp } = sut('busy');
    await expect(registry.dispatch(job(0))).rejects.toThrow(/being written by another run/);
    await expect(registry.dispatch(job(4))).rejects.toThrow(/being written by another run/);
    expect(gaveUp).toEqual([]);
  });
});

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import type { DeadlineJobData, DeadlineSubject } from './deadline-scheduler.service.js';

export type DeadlineHandler = (data: DeadlineJobData) => Promise<void>;

/**
 * Routes deadline jobs to the feature that owns the subject (plans,
 * projects). Each feature registers one handler for its subject type.
 */
@Injectable()
export class DeadlineHandlers implements OnModuleInit {
  private readonly handlers = new Map<DeadlineSubject, DeadlineHandler>();

  constructor(private readonly registry: JobHandlerRegistry) {}

  register(subject: DeadlineSubject, handler: DeadlineHandler): void {
    this.handlers.set(subject, handler);
  }

  onModuleInit(): void {
    const dispatch = async (data: Record<string, unknown>) => this.handle(data as DeadlineJobData);
    this.registry.register(JOB_NAMES.deadlineReminder, dispatch);
    this.registry.register(JOB_NAMES.deadlineEscalation, dispatch);
  }

  async handle(data: DeadlineJobData): Promise<void> {
    const handler = this.handlers.get(data.subjectType);
    if (!handler) throw new Error(`No deadline handler for ${data.subjectType}`);
    await handler(data);
  }
}

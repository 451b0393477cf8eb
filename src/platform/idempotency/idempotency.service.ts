import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type ErrorCode } from '../common/app-error.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export interface IdempotentResult<T> {
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** What is kept of a refused request's answer, to give it again. */
interface StoredRefusal {
  refused: { code: ErrorCode; message: string; extensions: Record<string, unknown> };
}

/**
 * Idempotency-Key support: the first answer is stored in the same
 * transaction as the change it reports, so a retry returns that answer and
 * applies nothing twice. A request refused once it was being carried out
 * (a workflow rule, a stale version, a missing right) keeps its refusal, so
 * a retry gets the same answer rather than a new judgement on a plan that
 * may have moved on. The same key with a different request is refused.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    userId: string,
    key: string | undefined,
    scope: string,
    request: unknown,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) return { body: await this.dataSource.transaction(work), replayed: false };
    if (!KEY.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header must be 8–128 letters, digits or . _ : -', {
        errors: [{ field: 'Idempotency-Key', messages: ['must be 8–128 letters, digits or . _ : -'] }],
      });
    }
    const requestHash = createHash('sha256')
      .update(`${scope}\n${canonicalJson(request)}`)
      .digest('hex');
    const earlier = await this.find(userId, key);
    if (earlier) return this.replay<T>(earlier, requestHash);
    try {
      const body = await this.dataSource.transaction(async (manager) => {
        const result = await work(manager);
        await manager.insert(IdempotencyRecord, {
          userId,
          key,
          scope,
          requestHash,
          responseStatus: 200,
          responseBody: result as object,
        });
        return result;
      });
      return { body, replayed: false };
    } catch (err) {
      // A concurrent retry with the same key won the race: answer as it did.
      const winner = await this.find(userId, key);
      if (winner) return this.replay<T>(winner, requestHash);
      if (err instanceof AppError && err.status >= 400 && err.status < 500)
        await this.keepRefusal(userId, key, scope, requestHash, err);
      throw err;
    }
  }

  private async keepRefusal(
    userId: string,
    key: string,
    scope: string,
    requestHash: string,
    err: AppError,
  ): Promise<void> {
    const body: StoredRefusal = { refused: { code: err.code, message: err.message, extensions: err.extensions } };
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IdempotencyRecord)
      .values({ userId, key, scope, requestHash, responseStatus: err.status, responseBody: body as unknown as object })
      .orIgnore()
      .execute();
  }

  private find(userId: string, key: string) {
    return this.dataSource.getRepository(IdempotencyRecord).findOne({ where: { userId, key } });
  }

  private replay<T>(record: IdempotencyRecord, requestHash: string): IdempotentResult<T> {
    if (record.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      );
    }
    if (record.responseStatus !== 200) {
      const { refused } = record.responseBody as StoredRefusal;
      throw new AppError(refused.code, refused.message, refused.extensions, { 'Idempotent-Replayed': 'true' });
    }
    return { body: record.responseBody as T, replayed: true };
  }
}

/** JSON with object keys sorted, so the same request hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

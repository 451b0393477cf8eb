import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { vocabulary, type Vocabulary } from '#domain';

/** The vocabulary, computed once: it changes only with a new release, and so does its ETag. */
@Injectable()
export class MetaService {
  readonly body: Vocabulary = vocabulary();
  readonly etag = `"${createHash('sha256').update(JSON.stringify(this.body)).digest('base64url').slice(0, 27)}"`;

  /** Whether the client's If-None-Match already names this version. */
  isCurrent(ifNoneMatch: string | undefined): boolean {
    return (ifNoneMatch ?? '')
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .includes(this.etag);
  }
}

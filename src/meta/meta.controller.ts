import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Vocabulary } from '#domain';
import { Access } from '../auth/access.decorator.js';
import { MetaService } from './meta.service.js';

/** Signed-in users may keep it for five minutes, then ask again with If-None-Match. */
const CACHE_CONTROL = 'private, max-age=300';

@ApiTags('meta')
@Controller('meta')
export class MetaController {
  constructor(private readonly meta: MetaService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary:
      "The vocabulary from the domain: the plan's stages (with their sections), statuses, sections and events; the " +
      "project's states and events; intervention kinds, funding sources, the evidence scale, investment types and " +
      'recommendations; each with Danish and English labels. Cacheable: ETag and Cache-Control; If-None-Match → 304.',
  })
  @ApiOkResponse({ description: 'The vocabulary', schema: { type: 'object', additionalProperties: true } })
  get(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Vocabulary | undefined {
    res.setHeader('ETag', this.meta.etag);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    if (this.meta.isCurrent(ifNoneMatch)) {
      res.status(304);
      return undefined;
    }
    return this.meta.body;
  }
}

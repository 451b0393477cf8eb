import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Access } from '../auth/access.decorator.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { verifyAuditChains, type AuditReport } from './audit-chain.js';

class AuditTableDto {
  @ApiProperty() table: string;
  @ApiProperty() rows: number;
}
class BrokenLinkDto {
  @ApiProperty() table: string;
  @ApiProperty() rowId: string;
  @ApiProperty() subject: string;
  @ApiProperty() chainSeq: number;
  @ApiProperty() reason: string;
}
class AuditReportDto {
  @ApiProperty({ description: 'Every chain holds' }) ok: boolean;
  @ApiProperty({ type: [AuditTableDto] }) tables: AuditTableDto[];
  @ApiProperty({ type: [BrokenLinkDto], description: 'The first broken link of each table that has one' })
  broken: BrokenLinkDto[];
  @ApiProperty() checkedAt: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('verify')
  @Access('administrator')
  @ApiOperation({
    summary: "Check the append-only record's hash chains (as npm run audit:verify does)",
    description:
      'Every append-only table carries a hash chain per subject; a row changed, removed or slipped in behind the ' +
      "app's back breaks it. Answers the first broken link of each table.",
  })
  @ApiOkResponse({ type: AuditReportDto })
  @ApiProblems(401, 403)
  verify(): Promise<AuditReport> {
    return verifyAuditChains(this.dataSource);
  }
}

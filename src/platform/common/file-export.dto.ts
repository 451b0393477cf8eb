import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * The query of every file export: the format, and for CSV the reader's conventions. One class, so the exports
 * agree on names, messages and the locale's default (see `exportLocale`).
 */
export class FileExportQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx';

  @ApiPropertyOptional({
    enum: ['da', 'en'],
    description:
      "CSV only: da writes ';' and a decimal comma (Danish Excel), en ',' and a decimal point; both UTF-8 with a " +
      'BOM. Default: the Accept-Language header, else en. The file name ends in -da.csv or -en.csv',
  })
  @IsOptional()
  @IsIn(['da', 'en'], { message: 'locale must be da or en' })
  locale?: 'da' | 'en';
}

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { ImportRowValidator, isBlankRow, mapImportHeader } from '#domain';
import { COPENHAGEN } from '../seed/copenhagen.seed.js';
import { csvRows, decodeText, detectDelimiter, detectFormat, xlsxRows, type FileRow } from './import-file-reader.js';

const collect = async (rows: AsyncGenerator<FileRow>) => {
  const out: FileRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
};

describe('reading measurement files', () => {
  it('tells XLSX from CSV by content, and refuses the old Excel format', () => {
    expect(detectFormat(Buffer.from('PK\x03\x04rest', 'latin1'), 'data.xlsx')).toBe('xlsx');
    expect(detectFormat(Buffer.from('area,indicator\n'), 'data.csv')).toBe('csv');
    expect(detectFormat(Buffer.from('area,indicator\n'), 'data.txt')).toBe('csv');
    expect(detectFormat(Buffer.from('area,indicator\n'), 'data.xlsx')).toMatchObject({
      refusedEn: 'The file is not a valid XLSX file',
    });
    expect(detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls')).toMatchObject({
      refusedEn: expect.stringContaining('.xls'),
    });
    expect(detectFormat(Buffer.from([1, 0, 2, 0]), 'image.png')).toMatchObject({
      refusedEn: 'The file is neither a CSV nor an XLSX file',
    });
  });

  it('refuses a binary named .csv at once: by its magic bytes, or as bytes no text has', () => {
    // A PDF's first 8 KiB often holds no NUL at all: its signature says what it is.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(200, 0x41)]);
    expect(detectFormat(pdf, 'maalinger.csv')).toEqual({
      refused: 'Filen er hverken en CSV- eller en XLSX-fil (den er en PDF-fil)',
      refusedEn: 'The file is neither a CSV nor an XLSX file (it is a PDF file)',
    });
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'x.csv')).toMatchObject({
      refusedEn: expect.stringContaining('PNG'),
    });
    // Random bytes without a NUL: control characters and bytes neither UTF-8 nor Windows-1252 has.
    const noise = Buffer.from([0x41, 0x02, 0x9d, 0xc3, 0x28, 0x1b, 0x42]);
    expect(detectFormat(noise, 'x.csv')).toMatchObject({ refused: 'Filen er hverken en CSV- eller en XLSX-fil' });
    // Text in either encoding is still a CSV.
    expect(detectFormat(Buffer.from('område;værdi\r\nNørrebro;1,5\r\n', 'latin1'), 'x.csv')).toBe('csv');
    expect(detectFormat(Buffer.from('\ufeffområde;værdi\tx\n', 'utf8'), 'x.csv')).toBe('csv');
  });

  it('reads UTF-8, and Windows-1252 as older Danish Excel saves CSV', () => {
    expect(decodeText(Buffer.from('\ufeffNørrebro', 'utf8'))).toBe('Nørrebro');
    expect(decodeText(Buffer.from([0x4e, 0xf8, 0x72, 0x72, 0x65, 0x62, 0x72, 0x6f]))).toBe('Nørrebro');
  });

  it('finds the delimiter in the header line', () => {
    expect(detectDelimiter('område;indikator;periode;værdi\nx;y;2012;1,5')).toBe(';');
    expect(detectDelimiter('area,indicator,period,value')).toBe(',');
    expect(detectDelimiter('area\tindicator\tperiod\tvalue')).toBe('\t');
  });

  it('numbers CSV rows as a spreadsheet does, across blank lines and quoted line breaks', async () => {
    // Lines: 1 header, 2–3 one record (a line break in a quoted cell), 4 blank, 5 and 6 records: spreadsheet rows 1, 2,
    // (3), 4, 5.
    const rows = await collect(csvRows(Buffer.from('a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n3,w')));
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', 'x\r\ny'] },
      { row: 4, cells: ['2', 'z'] },
      { row: 5, cells: ['3', 'w'] },
    ]);
    // Blank lines first and last, a cell over three lines (\n only), a line of empty cells (kept: the importer
    // skips it as blank) and a semicolon file.
    const more = await collect(csvRows(Buffer.from('\na;b\n1;"p\nq\nr"\n;\n\n2;z\n\n')));
    expect(more).toEqual([
      { row: 2, cells: ['a', 'b'] },
      { row: 3, cells: ['1', 'p\nq\nr'] },
      { row: 4, cells: ['', ''] },
      { row: 6, cells: ['2', 'z'] },
    ]);
  });

  it('reads the first worksheet of an XLSX with its row numbers and typed cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Data');
    sheet.addRow(['area', 'indicator', 'period', 'value']);
    sheet.addRow([]);
    sheet.addRow(['Nørrebro', 'low-income', 2012, 14.5]);
    book.addWorksheet('Andet').addRow(['ignored']);
    const rows = await collect(xlsxRows(Buffer.from(await book.xlsx.writeBuffer())));
    expect(rows.filter((r) => !isBlankRow(r.cells))).toEqual([
      { row: 1, cells: ['area', 'indicator', 'period', 'value'] },
      { row: 3, cells: ['Nørrebro', 'low-income', 2012, 14.5] },
    ]);
  });

  it('has a sample file that imports without errors against the default (Copenhagen) master data', async () => {
    const sample = readFileSync(fileURLToPath(new URL('../../samples/maalinger-eksempel.csv', import.meta.url)));
    const [header, ...data] = await collect(csvRows(sample));
    const { columns, errors } = mapImportHeader(header.cells);
    expect(errors).toEqual([]);
    const validator = new ImportRowValidator(
      {
        areas: COPENHAGEN.areas.map((a) => ({ id: a.code, code: a.code, name: a.name })),
        indicators: COPENHAGEN.indicators.map((i) => ({ id: i.code, code: i.code, name: i.name })),
        municipalityName: COPENHAGEN.municipality.name,
      },
      columns,
    );
    const results = data.map((r) => validator.validate(r.row, r.cells));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results).toHaveLength(88);
    expect(results.filter((r) => r.valid?.areaId === null)).toHaveLength(14);
  });
});

import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { detectAttachmentType } from './attachment-type.js';

/** A minimal ZIP archive (deflated entries, no data descriptors), as Office writes them. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string, part: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ` +
  `ContentType="${main}"/></Types>`;

const DOCX = zip({
  '[Content_Types].xml': contentTypes(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    '/word/document.xml',
  ),
  'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
});
const XLSX = zip({
  '[Content_Types].xml': contentTypes(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    '/xl/workbook.xml',
  ),
  'xl/workbook.xml': '<workbook/>',
});
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(32),
]);

describe('detectAttachmentType (by content, never by name or declared type)', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
  ])('accepts %s', async (_name, content, contentType) => {
    await expect(detectAttachmentType(content)).resolves.toEqual({ allowed: true, contentType });
  });

  it.each([
    ['a GIF image', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'image/gif'],
    ['a plain ZIP archive', zip({ 'notes.txt': 'hello' }), 'application/zip'],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'application/x-msdownload'],
  ])('refuses %s, saying what it looks like', async (_name, content, detected) => {
    await expect(detectAttachmentType(content)).resolves.toEqual({ allowed: false, detected });
  });

  it('refuses text whose type cannot be told at all', async () => {
    await expect(
      detectAttachmentType(Buffer.from('Dette er ikke en PDF, selv om filen hedder rapport.pdf')),
    ).resolves.toEqual({ allowed: false, detected: null });
  });

  it('refuses a file that merely starts like a PDF after other bytes', async () => {
    await expect(detectAttachmentType(Buffer.concat([Buffer.from('xx'), PDF]))).resolves.toMatchObject({
      allowed: false,
    });
  });
});

import { FileTypeValidator } from '@nestjs/common';

/** The attachment types accepted on an evaluation, by MIME type, with the names users know them by. */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
} as const;
export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentContentType[];
export const ATTACHMENT_TYPE_NAMES = Object.values(ATTACHMENT_TYPES);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED = new RegExp(`^(${ATTACHMENT_CONTENT_TYPES.map(escape).join('|')})$`);

export type AttachmentTypeResult =
  | { allowed: true; contentType: AttachmentContentType }
  /** `detected`: what the content looks like, when it could be told at all. */
  | { allowed: false; detected: string | null };

function isAttachmentContentType(value: string): value is AttachmentContentType {
  return Object.hasOwn(ATTACHMENT_TYPES, value);
}

/**
 * Judges a file's type from its content (magic bytes), never from its name
 * or the type the client declared. Uses Nest's FileTypeValidator, which
 * reads the signature with the `file-type` package: `%PDF` for PDF, the PNG
 * and JPEG signatures, and for DOCX/XLSX the ZIP signature `PK\x03\x04` whose
 * entries show a Word (`word/`) or Excel (`xl/`) document.
 */
export async function detectAttachmentType(content: Buffer): Promise<AttachmentTypeResult> {
  // The validator writes the detected type into `mimetype` (overrideMimeType); start from nothing.
  const file = { mimetype: '', size: content.length, buffer: content };
  const validator = new FileTypeValidator({ fileType: ALLOWED, overrideMimeType: true });
  const valid = await validator.isValid(file);
  if (valid && isAttachmentContentType(file.mimetype)) return { allowed: true, contentType: file.mimetype };
  return { allowed: false, detected: file.mimetype === '' ? null : file.mimetype };
}

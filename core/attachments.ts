/**
 * The rules for attachments that the widget, the inbox and the API share:
 * the limits the browser checks before uploading (to say so at once) and the
 * API enforces (api/attachments/inspect.ts), the types taken, and the size
 * as people read it.
 */

/** Largest file, in MB as people read the limit ("10 MB"): what the widget and the inbox say. */
export const MAX_ATTACHMENT_MB = 10;

/** Largest file, in bytes ({@link MAX_ATTACHMENT_MB} MB of 1024 × 1024 bytes). */
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;

/** Most files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** The types taken, by the MIME type found in the bytes (api/attachments/inspect.ts), with the extensions a name may have for them. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
} as const satisfies Record<string, readonly string[]>;

/** A MIME type that may be stored and served. */
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Whether `type` is one of {@link ATTACHMENT_TYPES}. */
export function isAttachmentType(type: string): type is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, type);
}

/** The types taken, for a file input's `accept`: photos and PDFs. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES).join(',');

/** Why the API refused a file (`code` of its error); the widget and the inbox say it in the person's language. */
export type AttachmentProblem =
  | 'attachment-empty'
  | 'attachment-too-large'
  | 'attachment-type'
  /** An iPhone's HEIC photo: a photo all the same, so it gets its own words and what to do about it. */
  | 'attachment-heic'
  | 'attachment-unreadable'
  | 'attachment-count';

/** HEIF photos by their declared type or name (HEIC is the iPhone's default). */
const HEIF = /^image\/hei[cf]|\.hei[cf]$/i;

/**
 * What the browser can tell about a chosen file before uploading it: too
 * large, or declared as a type not taken (a Word file, a HEIC photo). A file
 * without a declared type, or one whose bytes lie about it, is left to the
 * API, which reads the bytes.
 *
 * @example chosenFileProblem({ name: 'offerte.docx', size: 20_000, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }) // 'attachment-type'
 */
export function chosenFileProblem(file: { name: string; size: number; type: string }): AttachmentProblem | undefined {
  if (file.size > MAX_ATTACHMENT_BYTES) return 'attachment-too-large';
  if (HEIF.test(file.type) || HEIF.test(file.name)) return 'attachment-heic';
  if (file.type !== '' && !isAttachmentType(file.type)) return 'attachment-type';
  return undefined;
}

/**
 * Bytes as a person reads them, in the locale's way: "850 kB", "1,2 MB".
 *
 * @example formatBytes(1_250_000, 'nl') // '1,2 MB'
 */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'B'] : bytes < 1_000_000 ? [bytes / 1000, 'kB'] : [bytes / 1_000_000, 'MB'];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 'MB' ? 1 : 0 }).format(value)} ${unit}`;
}

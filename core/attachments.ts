/**
 * The rules for attachments that the widget, the inbox and the API share:
 * the limits the browser checks before uploading (to say so at once) and the
 * API enforces (api/attachments/inspect.ts), the types taken, and the size
 * as people read it.
 */

/** Largest file, in bytes (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Most files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** The types taken (as found in the bytes), for a file input's `accept`: photos and PDFs. */
export const ATTACHMENT_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,application/pdf';

/** Why the API refused a file (`code` of its error); the widget and the inbox say it in the person's language. */
export type AttachmentProblem =
  | 'attachment-empty'
  | 'attachment-too-large'
  | 'attachment-type'
  /** An iPhone's HEIC photo: a photo all the same, so it gets its own words and what to do about it. */
  | 'attachment-heic'
  | 'attachment-unreadable'
  | 'attachment-count';

/**
 * Bytes as a person reads them, in the locale's way: "850 kB", "1,2 MB".
 *
 * @example formatBytes(1_250_000, 'nl') // '1,2 MB'
 */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'B'] : bytes < 1_000_000 ? [bytes / 1000, 'kB'] : [bytes / 1_000_000, 'MB'];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 'MB' ? 1 : 0 }).format(value)} ${unit}`;
}

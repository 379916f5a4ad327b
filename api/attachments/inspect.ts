/**
 * What a file must be before anyone sees it: an image or a PDF by its bytes
 * (`file-type`), never by its name or the type the sender declared, at most
 * {@link MAX_ATTACHMENT_BYTES}. Images are decoded and encoded again
 * (`sharp`), turned upright by their EXIF orientation first, so what agents
 * and customers download carries no metadata (no GPS location, no camera
 * serial) and no bytes hidden after the picture. PDFs are kept as they are.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ATTACHMENT_TYPES, type AttachmentProblem, type AttachmentType, isAttachmentType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from '#core/attachments.ts';
import { ApiError } from '../http/errors.ts';

export { isAttachmentType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from '#core/attachments.ts';

/** A file as it arrives: from the widget, the inbox or (later) an e-mail. */
export interface IncomingFile {
  /** The name the sender gave it; cleaned here, never trusted as a path or a type. */
  filename: string;
  /** The type the sender declared; only informative, the bytes decide. */
  contentType?: string;
  bytes: Uint8Array;
}

/** A file fit to store: its clean name, the type found in its bytes, and the bytes to keep. */
export interface InspectedFile {
  filename: string;
  contentType: AttachmentType;
  bytes: Uint8Array;
}

/**
 * A refused file: 400 (empty), 413 (too large), 415 (not an image or PDF) or
 * 422 (claims to be an image but cannot be read), with `code` and the
 * `filename` in the body so a client can say which file and what is wrong.
 */
export class AttachmentRefused extends ApiError {
  readonly code: AttachmentProblem;
  constructor(status: 400 | 413 | 415 | 422, code: AttachmentProblem, filename: string, message: string) {
    super(status, message, { field: 'file', details: { code, filename } });
    this.code = code;
  }
}

/** HEIF photos (HEIC is the iPhone's default): refused with their own words, since they are photos. */
const HEIF = new Set(['image/heic', 'image/heic-sequence', 'image/heif', 'image/heif-sequence']);

/** Largest image decoded, in pixels: a 50-megapixel photo; more is a decompression bomb, not a photo of a parcel. */
const MAX_PIXELS = 50_000_000;

/** Longest file name kept, in characters. */
const MAX_NAME = 150;

/**
 * The file's name fit to show and to send back in `Content-Disposition`:
 * no folders, no control or bidirectional-override characters, at most
 * 150 characters, and an extension that matches what the bytes are (so the
 * downloaded file opens in the right program).
 *
 * @example cleanFilename('C:\\fotos\\schade.JPG', 'image/jpeg') // 'schade.JPG'
 * @example cleanFilename('scan.jpg', 'application/pdf') // 'scan.jpg.pdf'
 */
export function cleanFilename(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const extensions: readonly string[] = ATTACHMENT_TYPES[type];
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = (extensions.includes(extension) ? base.slice(0, dot) : base) || 'bijlage';
  const suffix = extensions.includes(extension) ? base.slice(dot + 1) : extensions[0];
  return `${[...stem].slice(0, MAX_NAME - 6).join('')}.${suffix}`;
}

/** `name` as quoted in an error message. */
const quoted = (name: string) => JSON.stringify([...(name.split(/[\\/]/).pop() ?? '')].slice(0, MAX_NAME).join(''));

/**
 * Checks `file` and makes it fit to store (see the module comment).
 *
 * @throws {@link AttachmentRefused} naming the file and what is wrong with it.
 * @example const clean = await inspectAttachment({ filename: 'schade.jpg', bytes }); // { filename: 'schade.jpg', contentType: 'image/jpeg', bytes: <re-encoded> }
 */
export async function inspectAttachment(file: IncomingFile): Promise<InspectedFile> {
  const name = quoted(file.filename);
  if (file.bytes.byteLength === 0) throw new AttachmentRefused(400, 'attachment-empty', file.filename, `${name} is empty`);
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new AttachmentRefused(413, 'attachment-too-large', file.filename, `${name} is larger than ${MAX_ATTACHMENT_MB} MB`);
  const found = await fileTypeFromBuffer(file.bytes);
  if (found && HEIF.has(found.mime))
    // sharp's own libvips carries no HEVC decoder (libheif is built with AV1 only, for patent reasons), so an iPhone's
    // HEIC photo cannot be re-encoded without its metadata: refused, saying what to do (docs/decisions/017).
    throw new AttachmentRefused(
      415,
      'attachment-heic',
      file.filename,
      `${name} is an HEIC photo (the iPhone's own format), which cannot be read here; send it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible) or attach a PNG, WebP, GIF or PDF`,
    );
  if (!found || !isAttachmentType(found.mime)) {
    const what = found ? `a .${found.ext} file (${found.mime})` : 'not a file type we recognise';
    throw new AttachmentRefused(
      415,
      'attachment-type',
      file.filename,
      `${name} is ${what}, whatever its name says; attach a photo (JPEG, PNG, WebP, GIF) or a PDF`,
    );
  }
  const type = found.mime;
  const filename = cleanFilename(file.filename, type);
  if (type === 'application/pdf') return { filename, contentType: type, bytes: file.bytes };
  try {
    const animated = type === 'image/gif' || type === 'image/webp';
    // Decoded and encoded again: sharp writes no metadata unless asked, and autoOrient applies the EXIF orientation first.
    const image = sharp(file.bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', animated }).autoOrient();
    const encoded =
      type === 'image/jpeg'
        ? image.jpeg({ quality: 88, mozjpeg: true })
        : type === 'image/png'
          ? image.png()
          : type === 'image/webp'
            ? image.webp({ quality: 88 })
            : image.gif();
    return { filename, contentType: type, bytes: new Uint8Array(await encoded.toBuffer()) };
  } catch {
    throw new AttachmentRefused(
      422,
      'attachment-unreadable',
      file.filename,
      `${name} looks like an image but cannot be read (damaged, or larger than ${MAX_PIXELS / 1_000_000} megapixels)`,
    );
  }
}

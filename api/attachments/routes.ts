/**
 * Uploading and downloading attachments. Files are uploaded one per request
 * (multipart/form-data, field `file`) before the hand-off or reply that
 * names them by id (docs/decisions/017-attachment-uploads.md):
 *
 * - customers, with their conversation's token, under `/api/conversations`:
 *   `POST /{id}/attachments` and `GET /{id}/attachments/{attachmentId}`;
 *   another conversation's token gets 404;
 * - agents, with a session, under `/api/agent/tickets`:
 *   `POST /{id}/attachments` and `GET /{id}/attachments/{attachmentId}`
 *   (`?preview=1`: a small image for the transcript).
 *
 * Every download is `Content-Disposition: attachment` with the type found in
 * the bytes and `X-Content-Type-Options: nosniff`, never cached.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import sharp from 'sharp';
import { MAX_ATTACHMENT_MB } from '#core/attachments.ts';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import { CONVERSATION_TOKEN, requireBearer } from '../conversations/routes.ts';
import { conversationExists } from '../conversations/service.ts';
import type { Database, Db } from '../db/database.ts';
import { rows, type Tx } from '../db/query.ts';
import { ApiError, errorBody, validationHook } from '../http/errors.ts';
import { idempotencyKeySchema, idempotent } from '../http/idempotency.ts';
import { sha256Hex } from '../http/tokens.ts';
import { errorResponse, idParamSchema, isUuid, KB, limitBody } from '../http/validation.ts';
import { inspectAttachment, isAttachmentType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from './inspect.ts';
import { type AttachmentInfo, type AttachmentOwner, findAttachment, saveInspected, type StoredAttachment } from './service.ts';
import type { AttachmentStore } from './store.ts';

/** A multipart body: one file of at most MAX_ATTACHMENT_BYTES and the envelope around it. */
const UPLOAD_LIMIT = MAX_ATTACHMENT_BYTES + 64 * KB;

/** A body over {@link UPLOAD_LIMIT}: a file too large, said as the file's own refusal is (the widget and the inbox put `code` in words). */
const TOO_LARGE = { field: 'file', message: `must be at most ${MAX_ATTACHMENT_MB} MB`, code: 'attachment-too-large' } as const;

/** Uploads of one conversation that no message named yet; more is refused (429), so nobody fills the disk through one token. */
export const MAX_WAITING_UPLOADS = 3 * MAX_ATTACHMENTS_PER_MESSAGE;

/** `201` of an upload: the id to name in the hand-off or reply, and what was stored. */
export const attachmentSchema = z
  .object({
    id: z.string(),
    /** The name, cleaned (no folders; the extension matches the type). */
    filename: z.string(),
    /** The type found in the bytes: image/jpeg, image/png, image/webp, image/gif or application/pdf. */
    contentType: z.string(),
    /** Bytes as stored (images are re-encoded without metadata). */
    size: z.number().int(),
  })
  .openapi('Attachment');

const uploadBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        file: z
          .custom<File>((value) => value instanceof File, { error: 'must be a file (multipart/form-data field "file")' })
          .openapi({
            type: 'string',
            format: 'binary',
            description: `A photo (JPEG, PNG, WebP, GIF) or a PDF, at most ${MAX_ATTACHMENT_MB} MB; the type is read from the bytes.`,
          }),
      }),
    },
  },
};
const refusals = {
  400: errorResponse('No file, an empty one, or a bad Idempotency-Key; `field` names it. A refused file also has `code` and `filename`.'),
  413: errorResponse(`The file is larger than ${MAX_ATTACHMENT_MB} MB (\`code\`: \`attachment-too-large\`).`),
  415: errorResponse('The bytes are not a photo or a PDF, whatever the name says (`code`: `attachment-type`), or an HEIC photo (`attachment-heic`).'),
  422: errorResponse('The image cannot be read (`attachment-unreadable`), or the Idempotency-Key was used for another file.'),
};
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const download = { description: 'The file, as an attachment.', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } };

/** `Content-Disposition: attachment` with the name, per RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
export function attachmentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'bijlage';
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** The answer carrying a stored file: only as a download, only of a type we stored, never sniffed, never cached. */
async function serveFile(c: Context, store: AttachmentStore, attachment: StoredAttachment, preview: boolean): Promise<Response> {
  const bytes = await store.get(attachment.storageKey);
  if (!bytes) return c.json(errorBody('no such attachment'), 404);
  let body: Uint8Array = bytes;
  let type = isAttachmentType(attachment.contentType) ? attachment.contentType : 'application/octet-stream';
  if (preview && type.startsWith('image/')) {
    // A small picture for the transcript: 10 MB photos stay out of the page.
    body = new Uint8Array(
      await sharp(bytes, { limitInputPixels: 50_000_000 })
        .resize({ width: 480, height: 480, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 75 })
        .toBuffer(),
    );
    type = 'image/jpeg';
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(attachment.filename),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store, no-transform',
  });
}

/** One upload, as a customer's or an agent's route hands it to {@link saveUpload}. */
interface Upload {
  file: File;
  owner: AttachmentOwner;
  /** Idempotency: a retry of the same file under `key` in `scope` answers the same attachment; without a key, every request stores one. */
  scope: string;
  key: string | undefined;
  /** Checked in the transaction before the file is stored (a limit): throws an {@link ApiError} to refuse it. */
  check?: (tx: Tx) => Promise<void>;
}

/**
 * The body of an upload route: the file read and checked (a refusal is the
 * 4xx of `refusals`), then stored once per Idempotency-Key; a replay is
 * marked `Idempotent-Replayed: true`. The customer's and the agent's routes
 * differ only in who owns the file and what they may upload.
 */
async function saveUpload(c: Context, db: Db, store: AttachmentStore, upload: Upload): Promise<AttachmentInfo> {
  const { file, owner, scope, key, check } = upload;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const inspected = await inspectAttachment({ filename: file.name, contentType: file.type, bytes });
  const save = async (tx: Db | Tx) => {
    if (check) await check(tx as Tx);
    return { status: 201 as const, body: await saveInspected(tx, store, owner, inspected) };
  };
  if (key === undefined) return (await save(db)).body;
  // The same file again under the same key is a retry; another file under it is a mistake (422).
  const request = { sha256: sha256Hex(Buffer.from(bytes).toString('base64')), filename: file.name };
  const result = await idempotent(db, { scope, key, request }, save);
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return result.body;
}

/** What the attachment routes need. */
export interface AttachmentRoutesOptions {
  database: Database;
  store: AttachmentStore;
}

/**
 * The customer's attachment routes, mounted beside the conversation routes at `/api/conversations`.
 *
 * @example api.route('/conversations', customerAttachmentRoutes({ database, store }));
 */
export function customerAttachmentRoutes({ database, store }: AttachmentRoutesOptions): OpenAPIHono<{ Variables: { token: string } }> {
  const db = database.db;
  const app = new OpenAPIHono<{ Variables: { token: string } }>({ defaultHook: validationHook });
  const security = [{ [CONVERSATION_TOKEN]: [] }];
  const params = idParamSchema('id', 'The conversation.');
  const notFound = errorResponse('No conversation with this id for this token, or no such attachment in it.');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/attachments',
      summary: 'Upload a file for the hand-off or a reply',
      description: `One photo or PDF per request (at most ${MAX_ATTACHMENT_MB} MB; at most ${MAX_ATTACHMENTS_PER_MESSAGE} per message). Sent when the customer sends the hand-off or reply, never before; name the returned \`id\` in its \`attachments\`. The same Idempotency-Key with the same file returns the same attachment. Uploads no message names are deleted after a day.`,
      security,
      middleware: [requireBearer, limitBody(UPLOAD_LIMIT, TOO_LARGE)] as const,
      request: { params, headers: z.object({ 'idempotency-key': idempotencyKeySchema }), body: uploadBody },
      responses: {
        201: { description: 'Stored.', content: json(attachmentSchema) },
        ...refusals,
        401: errorResponse('No `Authorization: Bearer <token>`.'),
        404: notFound,
        429: errorResponse(`More than ${MAX_WAITING_UPLOADS} uploads wait for a message, or too many requests.`),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await conversationExists(db, id, c.var.token))) return c.json(errorBody('no such conversation'), 404);
      const upload = {
        file: c.req.valid('form').file,
        owner: { conversationId: id, uploadedBy: 'customer' as const },
        scope: `attachment:${id}`,
        key: c.req.valid('header')['idempotency-key'],
        check: async (tx: Tx) => {
          const [waiting] = await rows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from attachments where conversation_id = ${id}::uuid and message_id is null`,
          );
          if ((waiting?.n ?? 0) >= MAX_WAITING_UPLOADS)
            throw new ApiError(429, `${MAX_WAITING_UPLOADS} uploads already wait for a message; send the hand-off or reply first`);
        },
      };
      return c.json(await saveUpload(c, db, store, upload), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments/{attachmentId}',
      summary: 'Download a file of the conversation',
      description: "The customer's own uploads and the files on the team's replies (never on internal notes), as `Content-Disposition: attachment`.",
      security,
      middleware: [requireBearer] as const,
      request: { params: params.extend(idParamSchema('attachmentId', 'The attachment.').shape) },
      responses: { 200: download, 401: errorResponse('No `Authorization: Bearer <token>`.'), 404: notFound },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      if (!(await conversationExists(db, id, c.var.token))) return c.json(errorBody('no such conversation'), 404);
      const attachment = await findAttachment(db, attachmentId, { conversationId: id });
      if (!attachment) return c.json(errorBody('no such attachment'), 404);
      return serveFile(c, store, attachment, false) as never;
    },
  );

  return app;
}

/**
 * The agents' attachment routes, mounted beside the ticket routes at `/api/agent/tickets`.
 *
 * @example agentApi.route('/tickets', agentAttachmentRoutes({ database, store, ttlHours: 12 }));
 */
export function agentAttachmentRoutes(options: AttachmentRoutesOptions & Pick<SessionOptions, 'ttlHours'>): OpenAPIHono<{ Variables: AgentVariables }> {
  const { database, store } = options;
  const db = database.db;
  const app = agentApp(db, options);
  const security = [{ [SESSION_SECURITY]: [] }];
  const params = idParamSchema('id', 'The ticket.');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/attachments',
      summary: 'Upload a file for a reply or note',
      description: `One photo or PDF per request (at most ${MAX_ATTACHMENT_MB} MB; at most ${MAX_ATTACHMENTS_PER_MESSAGE} per reply); name the returned \`id\` in the reply's \`attachments\`. With an Idempotency-Key, a retry of the same file returns the same attachment.`,
      security,
      middleware: [limitBody(UPLOAD_LIMIT, TOO_LARGE)] as const,
      request: { params, headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }), body: uploadBody },
      responses: {
        201: { description: 'Stored.', content: json(attachmentSchema) },
        ...refusals,
        401: errorResponse('Not signed in.'),
        403: errorResponse('No `X-Requested-With: wegwijs` header.'),
        404: errorResponse('No such ticket, or its conversation was deleted by retention.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const [ticket] = isUuid(id) ? await rows<{ conversation_id: string | null }>(db, sql`select conversation_id from tickets where id = ${id}::uuid`) : [];
      if (!ticket?.conversation_id) return c.json(errorBody('no such ticket'), 404);
      const upload = {
        file: c.req.valid('form').file,
        owner: { conversationId: ticket.conversation_id, ticketId: id, uploadedBy: 'agent' as const, agentId: c.var.agent.id },
        scope: `agent-attachment:${id}:${c.var.agent.id}`,
        key: c.req.valid('header')['idempotency-key'],
      };
      return c.json(await saveUpload(c, db, store, upload), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments/{attachmentId}',
      summary: 'Download a file of the ticket',
      description:
        'Any file of the ticket (customer uploads, replies, notes), as `Content-Disposition: attachment`. `preview=1` gives a small JPEG of an image, for the transcript.',
      security,
      request: {
        params: params.extend(idParamSchema('attachmentId', 'The attachment.').shape),
        query: z.object({
          preview: z
            .enum(['1'])
            .optional()
            .openapi({ param: { name: 'preview', in: 'query' }, description: '`1`: a small JPEG of an image.' }),
        }),
      },
      responses: { 200: download, 401: errorResponse('Not signed in.'), 404: errorResponse('No such attachment on this ticket.') },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const attachment = await findAttachment(db, attachmentId, 'agent');
      // The ticket in the path must be the file's: a link cannot be bent to another ticket's page.
      const [owned] =
        attachment && isUuid(id)
          ? await rows<{ id: string }>(
              db,
              sql`select id from attachments where id = ${attachment.id}::uuid and (ticket_id = ${id}::uuid or conversation_id = (select conversation_id from tickets where id = ${id}::uuid))`,
            )
          : [];
      if (!attachment || !owned) return c.json(errorBody('no such attachment'), 404);
      return serveFile(c, store, attachment, c.req.valid('query').preview === '1') as never;
    },
  );

  return app;
}

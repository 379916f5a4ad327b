/**
 * THE SEAM between inbound e-mail and the attachment store (api/attachments,
 * issue 14 item 3, built on its own branch). {@link receive} in ./receive.ts
 * calls {@link storeInboundAttachments} exactly once per stored e-mail, in the
 * transaction that adds the message to the thread, with the attachments
 * parsed from the mail as a plain list. Until the store is wired here, only
 * what each attachment is (name, declared type, size) is kept, on the
 * `inbound_mail` row, so agents see that something was attached; the bytes
 * are not stored.
 *
 * To wire it: call the attachment store's own function for a customer's
 * message here (it checks the type from the bytes, strips image metadata,
 * enforces the limits and links the files to the message so erasure and
 * retention delete them with the ticket).
 */
import type { Tx } from '../db/query.ts';
import type { InboundAttachment } from './parse.ts';

/** Where the attachments of one received e-mail belong. */
export interface InboundAttachmentTarget {
  ticketId: string;
  conversationId: string;
  /** The thread message made from the e-mail. */
  messageId: string;
}

/** What is kept of an attachment on the `inbound_mail` row. */
export interface AttachmentSummary {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Hands the attachments of one received e-mail to the attachment store, in
 * the caller's transaction. Resolves to what the `inbound_mail` row records
 * of them.
 */
export async function storeInboundAttachments(_tx: Tx, _target: InboundAttachmentTarget, attachments: readonly InboundAttachment[]): Promise<AttachmentSummary[]> {
  return attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, size: attachment.bytes.length }));
}

/**
 * Attachments of a received e-mail into the attachment store (api/attachments):
 * {@link receive} in ./receive.ts calls {@link storeInboundAttachments} once per
 * stored e-mail, in the transaction that adds the message to the thread, so
 * the files belong to that message at once and erasure and retention delete
 * them with the ticket. The store checks each type from the bytes and strips
 * image metadata, as for the widget and the inbox.
 *
 * A mail is not refused for a file the store does not take (a `.exe`, a sixth
 * file, one over 10 MB): the text matters more. Such a file is listed on the
 * `inbound_mail` row with why it was not kept, so an agent can ask for it.
 */
import type { AttachmentProblem } from '#core/attachments.ts';
import { AttachmentRefused, MAX_ATTACHMENTS_PER_MESSAGE } from '../attachments/inspect.ts';
import { storeAttachment } from '../attachments/service.ts';
import type { AttachmentStore } from '../attachments/store.ts';
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
  /** The stored attachment, when the store took it. */
  id?: string;
  /** Why the store did not take it. */
  refused?: AttachmentProblem;
}

/**
 * Hands the attachments of one received e-mail to the attachment store, in
 * the caller's transaction; without a store (tests of matching alone) only
 * what each file is gets recorded. Resolves to what the `inbound_mail` row
 * records of them.
 */
export async function storeInboundAttachments(
  tx: Tx,
  store: AttachmentStore | undefined,
  target: InboundAttachmentTarget,
  attachments: readonly InboundAttachment[],
): Promise<AttachmentSummary[]> {
  const summaries: AttachmentSummary[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const summary: AttachmentSummary = { filename: attachment.filename, contentType: attachment.contentType, size: attachment.bytes.length };
    if (store && index >= MAX_ATTACHMENTS_PER_MESSAGE) summary.refused = 'attachment-count';
    else if (store) {
      try {
        const stored = await storeAttachment(
          tx,
          store,
          { ...target, uploadedBy: 'customer' },
          { filename: attachment.filename, contentType: attachment.contentType, bytes: attachment.bytes },
        );
        summary.id = stored.id;
      } catch (error) {
        if (!(error instanceof AttachmentRefused)) throw error;
        summary.refused = error.code;
      }
    }
    summaries.push(summary);
  }
  return summaries;
}

/**
 * The customer's files: chosen in the widget, checked here for what the
 * browser can know (size, how many), uploaded only when the hand-off or
 * reply they go with is sent (nothing leaves the browser before), one
 * request per file with a key fixed when it was chosen, so a retry after a
 * failure or a double click never stores a file twice. The API reads the
 * type from the bytes (api/attachments/inspect.ts). No DOM beyond fetch.
 */
import { chosenFileProblem, MAX_ATTACHMENTS_PER_MESSAGE } from '#core/attachments.ts';
import type { ConversationAuth } from './outbox.ts';

/** A file the customer chose, with the Idempotency-Key its upload always carries. */
export interface PickedFile {
  file: File;
  key: string;
}

/** A file on a message, as the chat keeps it. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
}

/** A file refused, and why (the API's `code`; '' for no connection or a server error). */
export interface FileProblem {
  code: string;
  name: string;
}

/**
 * `picked` with the files of `chosen` added, as far as they fit: a file too
 * large or of a type not taken ({@link chosenFileProblem}), and any beyond
 * the fifth, are left out with a problem each, before anything is uploaded.
 */
export function pickFiles(picked: readonly PickedFile[], chosen: readonly File[]): { picked: PickedFile[]; problems: FileProblem[] } {
  const next = [...picked];
  const problems: FileProblem[] = [];
  for (const file of chosen) {
    const problem = chosenFileProblem(file);
    if (problem) problems.push({ code: problem, name: file.name });
    else if (next.length >= MAX_ATTACHMENTS_PER_MESSAGE) problems.push({ code: 'attachment-count', name: file.name });
    else next.push({ file, key: globalThis.crypto.randomUUID() });
  }
  return { picked: next, problems };
}

/**
 * Uploads `picked` in order for conversation `auth` (`POST
 * /api/conversations/{id}/attachments`). Resolves to the stored files, or to
 * the first problem; what succeeded before it is replayed by its key on the
 * next attempt, not stored again.
 */
export async function uploadFiles(auth: ConversationAuth, picked: readonly PickedFile[], fetcher: typeof fetch = fetch): Promise<FileRef[] | FileProblem> {
  const stored: FileRef[] = [];
  for (const { file, key } of picked) {
    const form = new FormData();
    form.set('file', file, file.name);
    let response: Response;
    try {
      response = await fetcher(`/api/conversations/${encodeURIComponent(auth.id)}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auth.token}`, 'idempotency-key': key },
        body: form,
      });
    } catch {
      return { code: '', name: file.name };
    }
    const body = (await response.json().catch(() => ({}))) as { id?: string; filename?: string; size?: number; code?: string };
    if (!response.ok || !body.id) return { code: body.code ?? '', name: file.name };
    stored.push({ id: body.id, name: body.filename ?? file.name, size: body.size ?? file.size });
  }
  return stored;
}

/**
 * Saves attachment `ref` of the conversation: fetched with the token (a
 * plain link cannot carry it), then handed to the browser as a download.
 * False when it could not be fetched (offline, or gone from the server): a
 * tap that did nothing left the customer tapping again.
 */
export async function downloadFile(auth: ConversationAuth, ref: FileRef): Promise<boolean> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(auth.id)}/attachments/${encodeURIComponent(ref.id)}`, {
    headers: { authorization: `Bearer ${auth.token}` },
  }).catch(() => null);
  if (!response?.ok) return false;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: ref.name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

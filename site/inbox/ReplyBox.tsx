/**
 * The reply box of one ticket: a reply to the customer or an internal note.
 * Nothing typed is lost and nothing is sent twice:
 * - the text is a draft in localStorage (./drafts.ts) from the first key
 *   press until the API acknowledges it, so a reload or a failed send keeps it;
 * - each send carries the draft's Idempotency-Key, and the button is disabled
 *   while a send is under way (a second click in the same moment is caught
 *   before React re-renders), so a double click posts once;
 * - a counter names the limit before it is reached; errors are in the agent's
 *   language and a "no connection" error clears itself when the browser is
 *   back online;
 * - attachments (photos, PDFs) are uploaded when the reply is sent, each under
 *   a key fixed when it was chosen; a failed upload names the file and keeps
 *   the text and the files.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { ATTACHMENT_ACCEPT, chosenFileProblem, formatBytes, MAX_ATTACHMENTS_PER_MESSAGE } from '#core/attachments.ts';
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';
import { agentApi, AttachmentError } from './api.ts';
import { clearDraft, type Draft, draftToSend, loadDraft, saveDraft } from './drafts.ts';
import { formatCount, isNetworkError, sendErrorText } from './errors.ts';
import { type PlaceholderValues } from './saved-replies.ts';
import { SavedReplyPicker } from './SavedReplyPicker.tsx';
import { inboxText } from './strings.ts';

/** From this many characters on, the counter warns. */
const WARN_AT = MAX_MESSAGE_LENGTH - 500;

const storage = () => window.localStorage;
const newKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function ReplyBox({
  ticketId,
  locale,
  contentLocale,
  placeholders,
  internal,
  onInternalChange,
  onSent,
  textareaRef,
  onTyping,
  pickerOpener,
}: {
  ticketId: string;
  locale: Locale;
  /** The customer's language: saved replies come in it. */
  contentLocale: Locale;
  placeholders: PlaceholderValues;
  internal: boolean;
  onInternalChange: (internal: boolean) => void;
  /** After the API acknowledged it: refresh the thread. */
  onSent: (wasInternal: boolean) => void;
  textareaRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Each change of the text: colleagues see that someone is typing (./Presence.tsx). */
  onTyping?: () => void;
  /** Opens the saved-reply list, for the shortcuts (./SavedReplyPicker.tsx). */
  pickerOpener?: { current: (() => void) | null };
}) {
  const t = inboxText(locale);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(storage(), ticketId) ?? { body: '', internal });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ text: string; network: boolean } | null>(null);
  // React state changes only on the next render; a second click in the same frame must still be refused.
  const inFlight = useRef(false);
  // Where the cursor was when the reply box lost focus (to the saved-reply list): an insert goes there.
  const caret = useRef<number | null>(null);
  /** Files chosen for this reply, each with the Idempotency-Key its upload always carries; kept when sending fails. */
  const [files, setFiles] = useState<{ file: File; key: string }[]>([]);

  // The note switch lives with the workspace (shortcuts r and n set it); the draft remembers it.
  useEffect(() => {
    setDraft((current) => {
      if (current.internal === internal) return current;
      const next = { ...current, internal };
      saveDraft(storage(), ticketId, next);
      return next;
    });
  }, [internal, ticketId]);

  // Back online: the "no connection" message no longer holds.
  useEffect(() => {
    const onOnline = () => setError((current) => (current?.network ? null : current));
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  const update = (body: string) => {
    onTyping?.();
    const next = { ...draft, body };
    setDraft(next);
    saveDraft(storage(), ticketId, next);
    if (error && !error.network) setError(null);
  };

  /** Puts `text` at the cursor (or at the end), keeping what was typed. */
  const insert = (text: string) => {
    const area = textareaRef.current;
    const at = area && document.activeElement === area ? area.selectionStart : Math.min(caret.current ?? draft.body.length, draft.body.length);
    const before = draft.body.slice(0, at);
    const gap = before === '' || before.endsWith('\n') ? '' : '\n';
    update(`${before}${gap}${text}${draft.body.slice(at)}`);
    area?.focus();
  };

  const length = draft.body.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;

  const choose = (chosen: File[]) => {
    const next = [...files];
    const problems: string[] = [];
    for (const file of chosen) {
      const problem = chosenFileProblem(file);
      if (problem) problems.push(t.attachError(problem, file.name));
      else if (next.length >= MAX_ATTACHMENTS_PER_MESSAGE) problems.push(t.attachError('attachment-count', file.name));
      else next.push({ file, key: newKey() });
    }
    setFiles(next);
    setError(problems.length > 0 ? { text: problems.join(' '), network: false } : null);
  };

  const send = async () => {
    if (inFlight.current || (length === 0 && files.length === 0) || tooLong) return;
    inFlight.current = true;
    setSending(true);
    const { draft: sendable, key } = draftToSend(draft, newKey);
    // The key is stored before the request: a reload mid-send retries with the same key.
    saveDraft(storage(), ticketId, sendable);
    setDraft(sendable);
    try {
      // One file at a time, each under its own key: a retry after a failure stores none twice.
      const ids: string[] = [];
      for (const { file, key: fileKey } of files) ids.push((await agentApi.upload(ticketId, file, fileKey)).id);
      await agentApi.reply(ticketId, sendable.body.trim(), sendable.internal, key, ids);
      clearDraft(storage(), ticketId);
      setDraft({ body: '', internal: false });
      setFiles([]);
      setError(null);
      onSent(sendable.internal);
    } catch (e) {
      if (e instanceof AttachmentError) setError({ text: t.attachError(e.code, e.filename), network: e.status === 0 });
      else setError({ text: sendErrorText(e, locale, length), network: isNetworkError(e) });
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const counterId = `reply-counter-${ticketId}`;
  const errorId = `reply-error-${ticketId}`;
  return (
    <form
      className="inbox-reply"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="reply-head">
        <label htmlFor="reply-body">{internal ? `${t.internalNote} (${t.internalNoteHint})` : t.reply}</label>
        <SavedReplyPicker
          locale={locale}
          contentLocale={contentLocale}
          values={placeholders}
          onInsert={insert}
          {...(pickerOpener ? { opener: pickerOpener } : {})}
        />
      </div>
      <textarea
        id="reply-body"
        ref={textareaRef}
        rows={4}
        className={internal ? 'internal' : undefined}
        value={draft.body}
        aria-invalid={tooLong || undefined}
        aria-describedby={error ? `${counterId} ${errorId}` : counterId}
        onChange={(e) => update(e.target.value)}
        onBlur={(e) => {
          caret.current = e.currentTarget.selectionStart;
        }}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter sends, as in most mail and chat tools.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          } else if (e.key === '/' && (e.ctrlKey || e.metaKey) && pickerOpener?.current) {
            // Ctrl/Cmd+/ opens the saved replies without leaving the keyboard.
            e.preventDefault();
            pickerOpener.current();
          }
        }}
      />
      <p id={counterId} className={`counter${tooLong ? ' error' : length > WARN_AT ? ' warn' : ''}`}>
        {t.counter(formatCount(length, locale), formatCount(MAX_MESSAGE_LENGTH, locale))}
        {tooLong ? ` · ${t.tooLong(formatCount(MAX_MESSAGE_LENGTH, locale), formatCount(length, locale))}` : ''}
      </p>
      {error && (
        <p id={errorId} role="alert" className="error">
          {error.text}
        </p>
      )}
      <div className="reply-attach">
        <label className="attach-add">
          <input
            type="file"
            multiple
            accept={ATTACHMENT_ACCEPT}
            aria-describedby={`${counterId}-attach`}
            onChange={(e) => {
              choose([...(e.currentTarget.files ?? [])]);
              e.currentTarget.value = '';
            }}
          />
          {t.attachAdd}
        </label>
        <small id={`${counterId}-attach`}>{t.attachHint}</small>
        {files.length > 0 && (
          <ul className="attachments chosen">
            {files.map(({ file, key: fileKey }) => (
              <li key={fileKey}>
                {file.name} ({formatBytes(file.size, locale)})
                <button type="button" aria-label={t.attachRemove(file.name)} onClick={() => setFiles(files.filter((f) => f.key !== fileKey))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="reply-actions">
        <label className="inline">
          <input type="checkbox" checked={internal} onChange={(e) => onInternalChange(e.target.checked)} /> {t.internalNote}
        </label>
        <button type="submit" disabled={sending || (length === 0 && files.length === 0) || tooLong} aria-busy={sending || undefined}>
          {internal ? t.saveNote : t.send}
        </button>
        {sending && <span role="status">{internal ? t.saving : t.sending}</span>}
      </div>
    </form>
  );
}

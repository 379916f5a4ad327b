/**
 * "Insert a saved reply": the saved replies of the ticket's language, filled
 * in for this customer, ticket and agent, added to the draft at the cursor.
 *
 * A button that opens a short list with a filter, not a <select>: on a
 * closed select, the arrow keys change the value and fire `change` at once,
 * so a keyboard user walking down the list would insert every reply on the
 * way. Here the arrow keys move, Enter (or a click) inserts one, Escape
 * closes. The inbox's shortcut `i` (and `Ctrl`/`⌘`+`/` in the reply box)
 * opens it through `opener`.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { agentApi, type SavedReply } from './api.ts';
import { fillPlaceholders, type PlaceholderValues } from './saved-replies.ts';
import { inboxText } from './strings.ts';

/** Longest preview of a reply's text in the list. */
const PREVIEW = 90;

export function SavedReplyPicker({
  locale,
  contentLocale,
  values,
  onInsert,
  opener,
}: {
  locale: Locale;
  contentLocale: Locale;
  values: PlaceholderValues;
  onInsert: (text: string) => void;
  /** Set to a function that opens the list (for the shortcuts); null while there is nothing to insert. */
  opener?: { current: (() => void) | null };
}) {
  const t = inboxText(locale);
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const panelId = useId();

  useEffect(() => {
    // Without saved replies (or when they fail to load) the picker simply is not there.
    agentApi.savedReplies(contentLocale).then(
      (r) => setReplies(r.savedReplies),
      () => setReplies([]),
    );
  }, [contentLocale]);

  useEffect(() => {
    if (!opener) return;
    opener.current = replies.length > 0 ? () => setOpen(true) : null;
    return () => {
      opener.current = null;
    };
  }, [opener, replies.length]);

  useEffect(() => {
    if (open) filterRef.current?.focus();
  }, [open]);

  if (replies.length === 0) return null;
  const words = filter.trim().toLowerCase();
  const shown = words === '' ? replies : replies.filter((r) => `${r.title} ${r.body}`.toLowerCase().includes(words));
  const close = (focusToggle: boolean) => {
    setOpen(false);
    setFilter('');
    if (focusToggle) toggleRef.current?.focus();
  };
  const insert = (reply: SavedReply) => {
    close(false);
    onInsert(fillPlaceholders(reply.body, values, contentLocale));
  };
  // Up and down move between the filter and the replies; Escape closes.
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [filterRef.current, ...Array.from(listRef.current?.querySelectorAll('button') ?? [])].filter(
      (el): el is HTMLInputElement | HTMLButtonElement => el !== null,
    );
    const at = items.indexOf(document.activeElement as HTMLInputElement | HTMLButtonElement);
    items[Math.max(0, Math.min(items.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  return (
    <div className="saved-replies">
      <button ref={toggleRef} type="button" aria-expanded={open} aria-controls={panelId} onClick={() => (open ? close(true) : setOpen(true))}>
        {t.insertSavedReply}
      </button>
      {open && (
        // The key handler only moves focus between the controls inside.
        <fieldset id={panelId} className="saved-replies-panel" onKeyDown={onKeyDown}>
          <legend className="sr-only">{t.insertSavedReply}</legend>
          <input
            ref={filterRef}
            type="search"
            aria-label={t.savedReplyFilter}
            placeholder={t.savedReplyFilter}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              // Enter inserts the first reply that matches.
              if (e.key === 'Enter') {
                e.preventDefault();
                if (shown[0]) insert(shown[0]);
              }
            }}
          />
          {shown.length === 0 ? (
            <p className="muted small">{t.savedReplyNone}</p>
          ) : (
            <ul ref={listRef}>
              {shown.map((r) => {
                const text = fillPlaceholders(r.body, values, contentLocale);
                return (
                  <li key={r.id}>
                    <button type="button" onClick={() => insert(r)}>
                      <strong>{r.title}</strong>
                      <small>{text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text}</small>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
      )}
    </div>
  );
}

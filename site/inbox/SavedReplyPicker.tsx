/**
 * "Insert a saved reply": the saved replies of the ticket's language, filled
 * in for this customer, ticket and agent, added to the draft at the cursor.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { agentApi, type SavedReply } from './api.ts';
import { fillPlaceholders, type PlaceholderValues } from './saved-replies.ts';
import { inboxText } from './strings.ts';

export function SavedReplyPicker({ locale, contentLocale, values, onInsert }: { locale: Locale; contentLocale: Locale; values: PlaceholderValues; onInsert: (text: string) => void }) {
  const t = inboxText(locale);
  const [replies, setReplies] = useState<SavedReply[]>([]);
  useEffect(() => {
    // Without saved replies (or when they fail to load) the picker simply is not there.
    agentApi.savedReplies(contentLocale).then((r) => setReplies(r.savedReplies), () => setReplies([]));
  }, [contentLocale]);
  if (replies.length === 0) return null;
  return (
    <label className="saved-replies">
      <span className="sr-only">{t.insertSavedReply}</span>
      <select
        value=""
        onChange={(e) => {
          const picked = replies.find((r) => r.id === e.target.value);
          if (picked) onInsert(fillPlaceholders(picked.body, values, contentLocale));
        }}
      >
        <option value="">{t.insertSavedReply}…</option>
        {replies.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
    </label>
  );
}

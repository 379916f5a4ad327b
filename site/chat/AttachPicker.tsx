/**
 * "Add attachment": a real file input (keyboard and screen readers reach
 * it by its label) laid over a visible label, the chosen files each with a
 * remove button, and what went wrong, inline. Holds no state: the widget
 * keeps the files, so a failed send keeps them too.
 */
import { ATTACHMENT_ACCEPT, formatBytes } from '#core/attachments.ts';
import type { Locale } from '#core/locale.ts';
import { chatText } from './strings.ts';
import type { PickedFile } from './attachments.ts';

interface Props {
  /** Prefix of the element ids (one picker per form). */
  id: string;
  locale: Locale;
  picked: readonly PickedFile[];
  /** What went wrong, in the customer's words; '' when nothing. */
  problem: string;
  onPick: (files: File[]) => void;
  onRemove: (key: string) => void;
}

export function AttachPicker({ id, locale, picked, problem, onPick, onRemove }: Props) {
  const t = chatText(locale);
  return (
    <div className="chat-attach">
      <label className="chat-attach-add">
        <input
          type="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
          onChange={(event) => {
            const input = event.currentTarget;
            onPick([...(input.files ?? [])]);
            // Choosing the same file again (after removing it) must fire again.
            input.value = '';
          }}
        />
        {t.attachAdd}
      </label>
      <span id={`${id}-hint`}>{t.attachHint}</span>
      {picked.length > 0 && (
        <ul className="chat-files">
          {picked.map(({ file, key }) => (
            <li key={key}>
              {file.name} ({formatBytes(file.size, locale)}){' '}
              <button type="button" aria-label={t.attachRemove(file.name)} onClick={() => onRemove(key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

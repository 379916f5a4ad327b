/**
 * The hand-off form: e-mail (required), name and a last word, and a preview
 * of the conversation that goes along. The fields scroll; Send and Cancel
 * stay in view at the bottom of the dialog whatever the length of the
 * conversation. What the customer typed survives Cancel (the draft lives in
 * the widget) and a failed upload of an attachment, and a double click sends once.
 */
// Preact's hooks without compat (ChatWidget.tsx says why): text fields listen to `onInput`.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import { chatText } from './strings.ts';
import type { Chat } from './conversation.ts';

/** What the customer typed into the form so far. */
export interface HandoffDraft {
  email: string;
  name: string;
  message: string;
}

export const EMPTY_DRAFT: HandoffDraft = { email: '', name: '', message: '' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  chat: Chat;
  locale: Locale;
  draft: HandoffDraft;
  onDraft: (draft: HandoffDraft) => void;
  /** Resolves false when it could not go (an attachment failed): the form stays, with everything in it. */
  onSend: (draft: HandoffDraft) => Promise<boolean>;
  onCancel: () => void;
  /** The attach control, between the message and the preview. */
  attach?: React.ReactNode;
  /** Files are being uploaded: Send waits. */
  busy?: boolean;
}

export function HandoffForm({ chat, locale, draft, onDraft, onSend, onCancel, attach, busy }: Props) {
  const t = chatText(locale);
  const [error, setError] = useState('');
  const emailRef = useRef<HTMLInputElement>(null);
  const sent = useRef(false);
  useEffect(() => emailRef.current?.focus(), []);
  const field = (name: keyof HandoffDraft) => ({
    name,
    value: draft[name],
    onInput: (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => onDraft({ ...draft, [name]: event.currentTarget.value }),
  });
  return (
    <form
      className="chat-handoff"
      noValidate
      aria-labelledby="handoff-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (sent.current) return;
        const email = draft.email.trim();
        if (!EMAIL.test(email)) {
          setError(t.handoffEmailInvalid);
          emailRef.current?.focus();
          return;
        }
        sent.current = true;
        void onSend({ email, name: draft.name.trim(), message: draft.message.trim() }).then((ok) => {
          sent.current = ok;
        });
      }}
    >
      <div className="chat-handoff-fields">
        <h3 id="handoff-title">{t.handoffTitle}</h3>
        <label htmlFor="handoff-email">{t.handoffEmail}</label>
        <input
          ref={emailRef}
          id="handoff-email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'handoff-error' : undefined}
          {...field('email')}
        />
        {error && (
          <p id="handoff-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="handoff-name">{t.handoffName}</label>
        <input id="handoff-name" autoComplete="name" maxLength={120} {...field('name')} />
        <label htmlFor="handoff-message">{t.handoffMessage}</label>
        <textarea id="handoff-message" rows={2} maxLength={2000} {...field('message')} />
        {attach}
        <details>
          <summary>{t.handoffWillSend}</summary>
          <ol className="chat-transcript">
            {chat.messages.map((m) => (
              <li key={m.id}>
                {m.from === 'customer' ? t.youSay : m.from === 'agent' ? t.agentSays : t.assistantSays}: {m.text}
              </li>
            ))}
          </ol>
        </details>
      </div>
      <div className="chat-actions">
        <button type="submit" disabled={busy} aria-busy={busy || undefined}>
          {t.handoffSend}
        </button>
        {busy && <span role="status">{t.attachSending}</span>}
        <button type="button" onClick={onCancel}>
          {t.handoffCancel}
        </button>
      </div>
    </form>
  );
}

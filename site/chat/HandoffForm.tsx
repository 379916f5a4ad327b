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
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';
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
  /** What is wrong, and in which field: the field says so (aria-describedby) and takes the focus. */
  const [error, setError] = useState<{ field: 'email' | 'message'; text: string } | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
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
          setError({ field: 'email', text: t.handoffEmailInvalid });
          emailRef.current?.focus();
          return;
        }
        // No maxLength on the field: it cut a pasted message without a word. Kept whole, and the customer told.
        if (draft.message.trim().length > MAX_MESSAGE_LENGTH) {
          setError({ field: 'message', text: t.messageTooLong(MAX_MESSAGE_LENGTH) });
          messageRef.current?.focus();
          return;
        }
        setError(null);
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
          aria-invalid={error?.field === 'email' || undefined}
          aria-describedby={error?.field === 'email' ? 'handoff-error' : undefined}
          {...field('email')}
        />
        {error?.field === 'email' && (
          <p id="handoff-error" role="alert">
            {error.text}
          </p>
        )}
        <label htmlFor="handoff-name">{t.handoffName}</label>
        <input id="handoff-name" autoComplete="name" maxLength={120} {...field('name')} />
        <label htmlFor="handoff-message">{t.handoffMessage}</label>
        <textarea
          ref={messageRef}
          id="handoff-message"
          rows={2}
          aria-invalid={error?.field === 'message' || undefined}
          aria-describedby={error?.field === 'message' ? 'handoff-error' : undefined}
          {...field('message')}
        />
        {error?.field === 'message' && (
          <p id="handoff-error" role="alert">
            {error.text}
          </p>
        )}
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

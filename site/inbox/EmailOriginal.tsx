/**
 * A customer's message that came by e-mail: the thread shows only what they
 * wrote this time (quoted history and signature removed, api/inbound); this
 * folds out the whole e-mail as received, and lists what was attached (the
 * files kept are links on the message itself; this list also names those not kept). A
 * native <details>, so it opens with Enter or Space and screen readers say
 * whether it is open. Text only, never HTML.
 */
import type { Locale } from '#core/locale.ts';
import type { ThreadMessage } from './api.ts';
import { mailText } from './mail-strings.ts';

export function EmailOriginal({ email, locale }: { email: NonNullable<ThreadMessage['email']>; locale: Locale }) {
  const t = mailText(locale);
  return (
    <details className="email-original">
      <summary>{t.showOriginal}</summary>
      <p className="muted">{t.originalFrom(email.from, email.subject)}</p>
      {/* A named region that takes focus, so a long e-mail scrolls from the keyboard too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="email-original-text" tabIndex={0} aria-label={t.showOriginal}>
        <pre>{email.original}</pre>
      </section>
      {email.attachments.length > 0 && (
        <>
          <p>{t.attachments}</p>
          <ul>
            {email.attachments.map((attachment, index) => (
              // Two attachments may share a name; the list never reorders, so the position is a stable key.
              <li key={index}>
                {t.attachment(attachment.filename, attachment.contentType, Math.max(1, Math.round(attachment.size / 1024)))}
                {attachment.refused && ` — ${t.notKept}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/**
 * The signed-in agent's own switch for notices by e-mail (api/notices): new
 * tickets in their queue and customer replies on their tickets, collected
 * into digests. On the routing screen, beside the agent's own status: both
 * are "how work reaches me". Switching it sends the inbox's language along,
 * so the e-mail speaks it. The checkbox is disabled while its request runs
 * (a double click sends once); a failure puts it back and says why.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import type { NoticeSettings } from '../../api/notices/routes.ts';
import { call } from './api.ts';
import { isNetworkError } from './errors.ts';
import { mailText } from './mail-strings.ts';

export function NoticeSetting({ locale }: { locale: Locale }) {
  const t = mailText(locale);
  const id = useId();
  const [settings, setSettings] = useState<NoticeSettings | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  useEffect(() => {
    call<NoticeSettings>('GET', '/me/notices').then(setSettings, (e: unknown) =>
      setMessage({ text: isNetworkError(e) ? t.noticeOffline : t.noticeFailed, error: true }),
    );
  }, [t]);

  const change = async (notifyByEmail: boolean) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const saved = await call<NoticeSettings>('PATCH', '/me/notices', { notifyByEmail, locale });
      setSettings(saved);
      setMessage({ text: saved.notifyByEmail ? t.noticeOn : t.noticeOff, error: false });
    } catch (e) {
      setMessage({ text: isNetworkError(e) ? t.noticeOffline : t.noticeFailed, error: true });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="notice-setting">
      <h2 id={`${id}-title`}>{t.noticeTitle}</h2>
      <label>
        <input
          type="checkbox"
          checked={settings?.notifyByEmail ?? false}
          disabled={busy || settings === null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void change(e.target.checked)}
        />{' '}
        {t.noticeLabel}
      </label>
      <p id={`${id}-hint`} className="muted">
        {t.noticeHint}
      </p>
      <p aria-live="polite" role={message?.error ? 'alert' : 'status'} className={message?.error ? 'error' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}

/** Interface text of the inbox's e-mail parts (api/inbound, api/notices), per locale. */
import type { Locale } from '#core/locale.ts';

const nl = {
  viaEmail: 'per e-mail',
  showOriginal: 'Originele e-mail tonen',
  originalFrom: (from: string, subject: string) => `Van ${from} · onderwerp “${subject}”`,
  attachments: 'Bijlagen',
  attachment: (name: string, type: string, kb: number) => `${name} (${type}, ${kb} kB)`,
  notKept: 'niet bewaard: geen foto of pdf, te groot, onleesbaar of meer dan vijf bijlagen',
  noticeTitle: 'Mijn meldingen per e-mail',
  noticeLabel: 'E-mail me bij een nieuw ticket in mijn wachtrij en als een klant reageert op mijn ticket',
  noticeHint: 'Hooguit één e-mail per paar minuten; wat intussen gebeurt komt in de volgende. In de taal van de inbox.',
  noticeOn: 'Meldingen per e-mail staan aan.',
  noticeOff: 'Meldingen per e-mail staan uit.',
  noticeFailed: 'Opslaan lukte niet. Probeer het opnieuw.',
  noticeOffline: 'Geen verbinding. Probeer het opnieuw als je weer online bent.',
};

const en: typeof nl = {
  viaEmail: 'by e-mail',
  showOriginal: 'Show the original e-mail',
  originalFrom: (from: string, subject: string) => `From ${from} · subject “${subject}”`,
  attachments: 'Attachments',
  attachment: (name: string, type: string, kb: number) => `${name} (${type}, ${kb} KB)`,
  notKept: 'not kept: not a photo or PDF, too large, unreadable or more than five attachments',
  noticeTitle: 'My notices by e-mail',
  noticeLabel: 'E-mail me about a new ticket in my queue and when a customer replies on my ticket',
  noticeHint: 'At most one e-mail every few minutes; what happens in between goes into the next. In the inbox language.',
  noticeOn: 'Notices by e-mail are on.',
  noticeOff: 'Notices by e-mail are off.',
  noticeFailed: 'Saving did not work. Please try again.',
  noticeOffline: 'No connection. Try again once you are back online.',
};

/** E-mail text of the inbox for `locale`. */
export function mailText(locale: Locale): typeof nl {
  return locale === 'en' ? en : nl;
}

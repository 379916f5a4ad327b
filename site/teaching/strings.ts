/** Interface text of the teaching screen, per locale (one object per locale, as in the inbox). */
import type { Locale } from '#core/locale.ts';

const nl = {
  title: 'Assistent aanleren',
  inbox: 'Inbox',
  reports: 'Rapporten',
  language: 'Taal van deze pagina',
  signOut: 'Uitloggen',
  intro:
    'Formuleringen die medewerkers voorstelden. Goedgekeurd: de assistent kent ze binnen een minuut, zonder herstart. Ze blijven klaarstaan voor "content pull", dat ze in content/ zet voor git.',
  contentLanguage: 'Taal van de formuleringen',
  loading: 'Laden…',
  failed: 'Dat lukte niet:',
  none: 'Geen voorstellen.',
  wording: 'Formulering',
  article: 'Artikel',
  newArticle: 'Nieuw artikel',
  proposedTitle: (title: string) => `voorgestelde titel: ${title}`,
  by: (name: string) => `van ${name}`,
  live: 'Live',
  liveSince: (when: string, name: string) => `live sinds ${when}${name ? `, goedgekeurd door ${name}` : ''}`,
  waiting: 'Wacht op goedkeuring',
  approve: 'Goedkeuren',
  approveFor: (text: string) => `Goedkeuren: ${text}`,
  reject: 'Afwijzen',
  rejectFor: (text: string) => `Afwijzen: ${text}`,
  withdraw: 'Niet meer live',
  withdrawFor: (text: string) => `Niet meer live: ${text}`,
  save: 'Opslaan',
  saveFor: (text: string) => `Wijziging opslaan: ${text}`,
  textOf: (text: string) => `Formulering van "${text}"`,
  articleOf: (text: string) => `Artikel voor "${text}"`,
  approved: (text: string) => `"${text}" is goedgekeurd; de assistent kent het binnen een minuut.`,
  rejected: (text: string) => `"${text}" is afgewezen.`,
  withdrawn: (text: string) => `"${text}" is niet meer live en wacht weer op goedkeuring.`,
  saved: (text: string) => `Opgeslagen: "${text}". Keur het (opnieuw) goed om het live te zetten.`,
  adminOnly: 'Alleen een beheerder kan goedkeuren.',
  needsArticle: 'Kies eerst een artikel: een voorstel voor een nieuw artikel kan niet live.',
};

const en: typeof nl = {
  title: 'Teach the assistant',
  inbox: 'Inbox',
  reports: 'Reports',
  language: 'Language of this page',
  signOut: 'Sign out',
  intro:
    'Wordings agents suggested. Approved: the assistant knows them within a minute, without a restart. They stay ready for "content pull", which writes them into content/ for git.',
  contentLanguage: 'Language of the wordings',
  loading: 'Loading…',
  failed: 'That did not work:',
  none: 'No suggestions.',
  wording: 'Wording',
  article: 'Article',
  newArticle: 'New article',
  proposedTitle: (title: string) => `proposed title: ${title}`,
  by: (name: string) => `by ${name}`,
  live: 'Live',
  liveSince: (when: string, name: string) => `live since ${when}${name ? `, approved by ${name}` : ''}`,
  waiting: 'Awaiting approval',
  approve: 'Approve',
  approveFor: (text: string) => `Approve: ${text}`,
  reject: 'Reject',
  rejectFor: (text: string) => `Reject: ${text}`,
  withdraw: 'Take offline',
  withdrawFor: (text: string) => `Take offline: ${text}`,
  save: 'Save',
  saveFor: (text: string) => `Save the change: ${text}`,
  textOf: (text: string) => `Wording of "${text}"`,
  articleOf: (text: string) => `Article for "${text}"`,
  approved: (text: string) => `"${text}" is approved; the assistant knows it within a minute.`,
  rejected: (text: string) => `"${text}" is rejected.`,
  withdrawn: (text: string) => `"${text}" is offline and awaits approval again.`,
  saved: (text: string) => `Saved: "${text}". Approve it (again) to put it live.`,
  adminOnly: 'Only an admin can approve.',
  needsArticle: 'Pick an article first: a proposal for a new article cannot go live.',
};

/** The teaching screen's words. */
export type TeachingText = typeof nl;

/** Teaching text for `locale`. */
export function teachingText(locale: Locale): TeachingText {
  return locale === 'en' ? en : nl;
}

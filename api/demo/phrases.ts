/**
 * What demo customers say that the articles do not come from: questions the
 * help center has no article for (no-match, failed searches), vague ones the
 * assistant has to clarify, small talk its rules answer, and what they write
 * when they hand off. Written the way customers type: short, lower case,
 * sometimes with personal data already redacted by the widget.
 */
import type { Locale } from '#core/locale.ts';

/** A wording with how often it comes up relative to the others. */
export type Weighted = readonly [text: string, weight: number];

/** Questions no article answers: the content gaps the demo report should show, most frequent first. */
export const NO_MATCH_QUESTIONS: Record<Locale, readonly Weighted[]> = {
  nl: [
    ['hebben jullie een winkel in utrecht', 9],
    ['heb je ook een fysieke winkel', 6],
    ['kan ik mijn bestelling ophalen bij het magazijn in tilburg', 6],
    ['is er studentenkorting', 5],
    ['bezorgen jullie ook in duitsland', 5],
    ['kunnen jullie het als cadeau inpakken', 4],
    ['wanneer begint de black friday sale', 4],
    ['verkopen jullie ook tweedehands of refurbished', 3],
    ['kan ik een product reserveren', 3],
    ['hebben jullie een app', 3],
    ['mijn ordernummer is [number] waar blijft het', 3],
    ['kunnen jullie mij terugbellen op [phone]', 2],
    ['kan ik met ideal in 3 termijnen betalen', 2],
    ['plaatsen jullie de wasmachine ook aan', 2],
    ['nemen jullie mijn oude koelkast mee', 2],
  ],
  en: [
    ['do you have a store in amsterdam', 7],
    ['can i pick up my order at the warehouse', 5],
    ['is there a student discount', 5],
    ['do you ship to germany', 5],
    ['can you gift wrap my order', 4],
    ['when does the black friday sale start', 3],
    ['do you sell refurbished products', 3],
    ['do you have an app', 3],
    ['my order number is [number] where is it', 2],
    ['can you call me back on [phone]', 2],
    ['do you install the washing machine', 2],
    ['will you take my old fridge away', 2],
  ],
};

/** What visitors typed into search and found nothing for. */
export const FAILED_SEARCHES: Record<Locale, readonly Weighted[]> = {
  nl: [
    ['winkel utrecht', 8],
    ['studentenkorting', 6],
    ['duitsland', 5],
    ['cadeauverpakking', 5],
    ['black friday', 4],
    ['app', 4],
    ['refurbished', 3],
    ['ophalen magazijn', 3],
    ['oude koelkast meenemen', 2],
    ['installatie wasmachine', 2],
    ['vacatures', 2],
  ],
  en: [
    ['store amsterdam', 6],
    ['student discount', 5],
    ['germany', 4],
    ['gift wrap', 4],
    ['black friday', 3],
    ['app', 3],
    ['refurbished', 2],
    ['installation', 2],
    ['jobs', 2],
  ],
};

/** Vague questions the assistant answers with a choice of articles. */
export const CLARIFY_QUESTIONS: Record<Locale, readonly Weighted[]> = {
  nl: [
    ['bestelling', 3],
    ['probleem met betalen', 2],
    ['retour', 3],
    ['account', 2],
    ['pakket', 2],
    ['cadeaubon', 1],
  ],
  en: [
    ['order', 3],
    ['payment problem', 2],
    ['return', 3],
    ['account', 2],
    ['parcel', 2],
    ['gift card', 1],
  ],
};

/** Small talk and requests the assistant's rules answer; `handoff` marks the ones asking for a person. */
export const RULE_MESSAGES: Record<Locale, readonly (readonly [text: string, weight: number, handoff: boolean])[]> = {
  nl: [
    ['hallo', 4, false],
    ['bedankt!', 3, false],
    ['ik wil een medewerker spreken', 3, true],
    ['mens alsjeblieft', 1, true],
    ['doei', 1, false],
  ],
  en: [
    ['hi', 4, false],
    ['thanks!', 3, false],
    ['i want to talk to a person', 3, true],
    ['human please', 1, true],
    ['bye', 1, false],
  ],
};

/** What the assistant's rules reply: to small talk, and to someone asking for a person. */
export const RULE_REPLY: Record<Locale, { chat: string; handoff: string }> = {
  nl: { chat: 'Hoi! Waarmee kan ik je helpen?', handoff: 'Ik zet je door naar een collega.' },
  en: { chat: 'Hi! How can I help?', handoff: "I'll pass you to a colleague." },
};

/** What the assistant says when it has nothing. */
export const NO_MATCH_REPLY: Record<Locale, string> = {
  nl: 'Daar heb ik helaas geen antwoord op. Kun je het anders zeggen?',
  en: "Sorry, I don't have an answer to that. Could you put it differently?",
};

/** What the assistant says when it offers a choice. */
export const CLARIFY_REPLY: Record<Locale, string> = { nl: 'Bedoel je een van deze?', en: 'Do you mean one of these?' };

/** What the customer adds for the person when handing off. */
export const HANDOFF_MESSAGES: Record<Locale, readonly string[]> = {
  nl: [
    'Kunnen jullie hier even naar kijken?',
    'Ik kom er niet uit, graag hulp.',
    'Dit heb ik al geprobeerd maar het lukt niet.',
    '',
    'Graag snel antwoord, het is dringend.',
  ],
  en: [
    'Could you have a look at this?',
    "I can't figure it out, please help.",
    "I tried that already but it doesn't work.",
    '',
    'Please reply soon, it is urgent.',
  ],
};

/** Agent replies: the first public answer, then the one that solves it. */
export const AGENT_REPLIES: Record<Locale, { first: readonly string[]; solve: readonly string[] }> = {
  nl: {
    first: [
      'Dank voor je bericht! Ik zoek het voor je uit en laat het je vandaag nog weten.',
      'Vervelend dat het niet lukt. Kun je me een foto sturen van wat je ziet?',
      'Ik heb het nagekeken: je bestelling is onderweg en komt morgen aan.',
    ],
    solve: [
      'Het is opgelost. Laat het gerust weten als er nog iets is!',
      'Ik heb het bedrag teruggestort; je ziet het binnen 3 werkdagen.',
      'Je nieuwe artikel is verstuurd.',
    ],
  },
  en: {
    first: [
      'Thanks for your message! I am looking into it and will get back to you today.',
      "Sorry it isn't working. Could you send me a photo of what you see?",
      'I checked: your order is on its way and arrives tomorrow.',
    ],
    solve: [
      'All sorted. Let us know if there is anything else!',
      'I refunded the amount; you will see it within 3 working days.',
      'Your replacement has been shipped.',
    ],
  },
};

/** Demo customers' first names (their e-mail addresses are at example.com). */
export const CUSTOMER_NAMES: Record<Locale, readonly string[]> = {
  nl: [
    'Jan de Vries',
    'Fatima El Amrani',
    'Sanne Bakker',
    'Pieter Jansen',
    'Noor Visser',
    'Daan Smit',
    'Emma Meijer',
    'Bram de Boer',
    'Lotte Mulder',
    'Yusuf Kaya',
  ],
  en: ['James Miller', 'Olivia Brown', 'Liam Wilson', 'Ava Taylor', 'Noah Davies', 'Mia Evans', 'Lucas Walker', 'Sophie Wright'],
};

/** Translation keys of articles the demo makes look worse (higher effort, more "not helpful"), where they exist. */
export const HARD_ARTICLES = ['return-costs', 'discount-code', 'paid-twice', 'parcel-not-received', 'refund-status'] as const;

/** Phrasings the demo suggests to articles (pending, for `content pull`), where the article exists. */
export const DEMO_PHRASINGS: readonly { articleId: string; locale: Locale; text: string; source: 'ticket' | 'nomatch' | 'gap' | 'search' }[] = [
  { articleId: 'track-parcel', locale: 'nl', text: 'pakketje staat al dagen op verzonden', source: 'nomatch' },
  { articleId: 'refund-status', locale: 'en', text: 'still no money back after two weeks', source: 'ticket' },
];

/** A proposal for a new article the demo suggests. */
export const DEMO_PROPOSALS: readonly { locale: Locale; text: string; proposedTitle: string; source: 'gap' }[] = [
  { locale: 'nl', text: 'hebben jullie een winkel in utrecht', proposedTitle: 'Onze winkels', source: 'gap' },
];

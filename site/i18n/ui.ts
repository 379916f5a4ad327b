/**
 * Every piece of interface text, in each locale. Content (articles,
 * categories, settings) lives in content/; this is only the chrome around it.
 */
import type { Locale } from '#core/locale.ts';
import { searchText } from '../search/strings.ts';

const nl = {
  languageName: 'Nederlands',
  skipToContent: 'Naar de inhoud',
  home: 'Home',
  helpCenter: 'Helpcentrum',
  heroTitle: 'Waar kunnen we je mee helpen?',
  ...searchText('nl'),
  categories: 'Onderwerpen',
  popularArticles: 'Veelgestelde vragen',
  articlesInCategory: (n: number) => (n === 1 ? '1 artikel' : `${n} artikelen`),
  relatedArticles: 'Gerelateerde artikelen',
  lastUpdated: 'Laatst bijgewerkt',
  readInOtherLanguage: 'Read this article in English',
  otherLanguageHome: 'English',
  breadcrumbs: 'Kruimelpad',
  contactTitle: 'Kom je er niet uit?',
  contactText: 'Onze klantenservice helpt je graag.',
  phone: 'Telefoon',
  email: 'E-mail',
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer). Zoek het antwoord hieronder of ga terug naar de start.',
  mainNav: 'Hoofdmenu',
  languageSwitch: 'Taal',
  chatOpen: 'Stel een vraag',
  chatTitle: 'Hulp van de assistent',
  chatIntro: 'Hoi! Stel je vraag in je eigen woorden, dan zoek ik het juiste antwoord voor je.',
  chatInputLabel: 'Je vraag',
  chatInputPlaceholder: 'Typ je vraag…',
  chatSend: 'Versturen',
  chatClose: 'Sluiten',
  chatRestart: 'Opnieuw beginnen',
  chatReadArticle: 'Lees het hele artikel',
  chatDidThisHelp: 'Heeft dit je vraag beantwoord?',
  chatYes: 'Ja',
  chatNo: 'Nee',
  chatCesQuestion: 'Hoeveel moeite kostte het om je antwoord te krijgen?',
  chatCesLow: 'nauwelijks moeite',
  chatCesHigh: 'heel veel moeite',
  chatCesThanks: 'Bedankt voor je beoordeling.',
  chatClarify: 'Bedoel je een van deze?',
  chatNoneOfThese: 'Geen van deze',
  chatNoMatch: 'Daar heb ik helaas geen antwoord op. Probeer het anders te zeggen, of laat een medewerker meekijken.',
  chatAlternatives: 'Misschien helpt een van deze:',
  chatOfferHandoff: 'Wil je dat een medewerker je helpt? Die ziet dit hele gesprek, dus je hoeft niets te herhalen.',
  chatTalkToPerson: 'Praat met een medewerker',
  chatGladToHelp: 'Fijn dat ik je kon helpen!',
  chatTitleTeam: 'Je gesprek met ons team',
  chatReplyTime: (hours: number) => `We antwoorden meestal binnen ${hours} uur op werkdagen.`,
  chatRestartConfirm: 'Opnieuw beginnen? Dit gesprek verdwijnt uit dit venster. Wat nog verstuurd moet worden, gaat gewoon de deur uit.',
  chatRestartYes: 'Ja, opnieuw beginnen',
  chatRestartNo: 'Nee, doorgaan',
  chatTicketKept: (number: string) => `Je ticket ${number} blijft open: antwoorden van het team komen hier binnen.`,
  chatContinuesAs: (number: string) => `Je gesprek gaat verder als vraag ${number}.`,
  chatNoneReply: 'Jammer. Zeg het eens anders, of laat een medewerker meekijken.',
  chatWaiting: 'Wacht op verbinding; wordt daarna vanzelf verstuurd',
  chatSending: 'Wordt verstuurd…',
  chatNotSent: 'Niet verstuurd.',
  chatRetry: 'Opnieuw proberen',
  chatLookingUp: 'Even zoeken…',
  chatOffline: 'Je bent offline, dus de assistent kan nu niet zoeken. Een medewerker vragen kan wel: we versturen het zodra er verbinding is.',
  chatUnread: (n: number) => (n === 1 ? '1 nieuw antwoord' : `${n} nieuwe antwoorden`),
  ticketClosed: (number: string) => `Je vraag ${number} is afgesloten. Nog iets? Schrijf het hier: het gaat als nieuwe vraag naar het team.`,
  chatNotDeliveredClosed: (number: string) => `Niet afgeleverd: vraag ${number} was al afgesloten.`,
  chatSendAsNew: 'Stuur als nieuwe vraag',
  chatNewQuestionAfterClosed: (number: string) => `Vraag ${number} is afgesloten, dus dit wordt een nieuwe vraag. Controleer je e-mailadres en verstuur.`,
  chatLinkOpening: 'Je gesprek wordt geopend…',
  chatLinkOpened: (number: string) => `Je gesprek over ${number} is geopend. Je kunt hier verder schrijven.`,
  chatLinkInvalid: 'Deze link naar je gesprek klopt niet: hij is veranderd of afgebroken. Open de hele link uit de e-mail.',
  chatLinkExpired: 'Deze link naar je gesprek is verlopen. De nieuwste e-mail over je vraag heeft een verse link.',
  chatLinkGone: 'Dit gesprek bestaat niet meer: het is gewist of na de bewaartermijn verwijderd. Stel gerust een nieuwe vraag.',
  chatLinkFailed: 'Je gesprek openen lukt nu niet. Controleer je verbinding en open de link nog eens.',
  chatLinkBusy: 'In deze browser wordt nog iets van een ander gesprek verstuurd. Open de link nog eens zodra dat klaar is.',
  handoffSending: 'Je vraag wordt doorgestuurd naar een medewerker…',
  ticketSolved: 'Je vraag is als opgelost gemarkeerd. Nog iets? Schrijf het hier, dan pakken we het weer op.',
  handoffTitle: 'Vraag het een medewerker',
  handoffEmail: 'Je e-mailadres (verplicht)',
  handoffName: 'Je naam (niet verplicht)',
  handoffMessage: 'Wat wil je nog kwijt? (niet verplicht)',
  handoffWillSend: 'Dit gesprek sturen we mee:',
  handoffSend: 'Versturen naar een medewerker',
  handoffCancel: 'Annuleren',
  handoffEmailInvalid: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
  handoffQueued: 'Je vraag staat klaar om te versturen. Zodra er verbinding is, gaat hij vanzelf de deur uit.',
  handoffSent: (number: string) => `Je vraag is doorgestuurd (ticket ${number}). Een medewerker antwoordt je hier en per e-mail.`,
  agentSays: 'Medewerker',
  youSay: 'Jij',
  assistantSays: 'Assistent',
  replyToAgent: 'Antwoord aan de medewerker',
  attachAdd: 'Bijlage toevoegen',
  attachHint: 'Foto of pdf, max. 5 bestanden van 10 MB',
  attachRemove: (name: string) => `${name} verwijderen`,
  attachSending: 'Bijlagen versturen…',
  attachDownload: 'Bijlage',
  /** Why a file cannot go along, naming it; `code` is the API's (core/attachments.ts), '' for no connection. */
  attachError: (code: string, name: string) =>
    code === 'attachment-type'
      ? `"${name}" is geen foto of pdf. Kies een foto (JPG, PNG, WebP, GIF) of een pdf.`
      : code === 'attachment-heic'
        ? `"${name}" is een HEIC-foto (het eigen formaat van de iPhone) en die kunnen we niet openen. Stuur hem als JPG (op de iPhone: Instellingen > Camera > Formaten > Meest compatibel) of kies een andere foto of een pdf.`
        : code === 'attachment-too-large'
          ? `"${name}" is groter dan 10 MB. Kies een kleiner bestand.`
          : code === 'attachment-count'
            ? 'Je kunt maximaal 5 bestanden meesturen.'
            : code === 'attachment-empty' || code === 'attachment-unreadable'
              ? `"${name}" kunnen we niet openen. Is het bestand leeg of beschadigd?`
              : `"${name}" is niet verstuurd (geen verbinding?). Je tekst en bestanden staan er nog: probeer het opnieuw.`,
  articleFeedback: 'Je mening over dit artikel',
  articleHelpful: 'Was dit artikel nuttig?',
  articleFeedbackThanks: 'Bedankt! Hiermee maken we het helpcentrum beter.',
  articleFeedbackGiven: 'Je antwoord is bewaard.',
  csatQuestion: 'Hoe tevreden ben je over de hulp die je kreeg?',
  csatLow: 'zeer ontevreden',
  csatHigh: 'zeer tevreden',
  csatThanks: 'Bedankt voor je beoordeling!',
  csatGiven: (score: number) => `Je gaf ${score} van 5.`,
  csatPageTitle: 'Hoe hebben we je geholpen?',
  csatPageIntro: 'Je vraag is opgelost. Wil je laten weten hoe tevreden je bent? Eén klik is genoeg.',
  csatUnknownLink: 'Deze link kennen we niet (meer). Gebruik de link uit de laatste e-mail over je vraag, of stel je vraag opnieuw via de chat.',
  csatSendFailed: 'Versturen lukte niet. Controleer je verbinding en probeer het nog eens.',
  csatSending: 'Versturen…',
} as const;

type Strings = {
  [K in keyof typeof nl]: (typeof nl)[K] extends (a: string, b: string) => string
    ? (typeof nl)[K] extends (s: string) => string
      ? (s: string) => string
      : (a: string, b: string) => string
    : (typeof nl)[K] extends (n: number) => string
      ? (n: number) => string
      : (typeof nl)[K] extends (s: string) => string
        ? (s: string) => string
        : string;
};

const en: Strings = {
  languageName: 'English',
  skipToContent: 'Skip to content',
  home: 'Home',
  helpCenter: 'Help center',
  heroTitle: 'How can we help?',
  ...searchText('en'),
  categories: 'Topics',
  popularArticles: 'Frequently asked',
  articlesInCategory: (n: number) => (n === 1 ? '1 article' : `${n} articles`),
  relatedArticles: 'Related articles',
  lastUpdated: 'Last updated',
  readInOtherLanguage: 'Lees dit artikel in het Nederlands',
  otherLanguageHome: 'Nederlands',
  breadcrumbs: 'Breadcrumbs',
  contactTitle: 'Still stuck?',
  contactText: 'Our customer service team is happy to help.',
  phone: 'Phone',
  email: 'E-mail',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist (any more). Search for your answer below or go back to the start.',
  mainNav: 'Main menu',
  languageSwitch: 'Language',
  chatOpen: 'Ask a question',
  chatTitle: 'Help from the assistant',
  chatIntro: 'Hi! Ask your question in your own words and I will look for the right answer.',
  chatInputLabel: 'Your question',
  chatInputPlaceholder: 'Type your question…',
  chatSend: 'Send',
  chatClose: 'Close',
  chatRestart: 'Start over',
  chatReadArticle: 'Read the full article',
  chatDidThisHelp: 'Did this answer your question?',
  chatYes: 'Yes',
  chatNo: 'No',
  chatCesQuestion: 'How much effort did it take to get your answer?',
  chatCesLow: 'hardly any effort',
  chatCesHigh: 'a lot of effort',
  chatCesThanks: 'Thank you for your rating.',
  chatClarify: 'Did you mean one of these?',
  chatNoneOfThese: 'None of these',
  chatNoMatch: "Sorry, I don't have an answer to that. Try putting it differently, or ask a person to take a look.",
  chatAlternatives: 'Perhaps one of these helps:',
  chatOfferHandoff: 'Would you like a person to help you? They see this whole conversation, so you need not repeat anything.',
  chatTalkToPerson: 'Talk to a person',
  chatGladToHelp: 'Glad I could help!',
  chatTitleTeam: 'Your conversation with our team',
  chatReplyTime: (hours: number) => `We usually answer within ${hours} hours on working days.`,
  chatRestartConfirm: 'Start over? This conversation disappears from this window. Anything still waiting to be sent still goes out.',
  chatRestartYes: 'Yes, start over',
  chatRestartNo: 'No, keep going',
  chatTicketKept: (number: string) => `Your ticket ${number} stays open: replies from the team arrive here.`,
  chatContinuesAs: (number: string) => `Your conversation continues as question ${number}.`,
  chatNoneReply: 'Pity. Try putting it differently, or ask a person to take a look.',
  chatWaiting: 'Waiting for a connection; sent automatically once there is one',
  chatSending: 'Sending…',
  chatNotSent: 'Not sent.',
  chatRetry: 'Try again',
  chatLookingUp: 'Looking that up…',
  chatOffline: 'You are offline, so the assistant cannot search right now. You can still ask a person: we send it as soon as there is a connection.',
  chatUnread: (n: number) => (n === 1 ? '1 new reply' : `${n} new replies`),
  ticketClosed: (number: string) => `Your question ${number} is closed. Anything else? Write it here: it goes to the team as a new question.`,
  chatNotDeliveredClosed: (number: string) => `Not delivered: question ${number} was already closed.`,
  chatSendAsNew: 'Send as a new question',
  chatNewQuestionAfterClosed: (number: string) => `Question ${number} is closed, so this becomes a new question. Check your e-mail address and send.`,
  chatLinkOpening: 'Opening your conversation…',
  chatLinkOpened: (number: string) => `Your conversation about ${number} is open here. You can carry on writing.`,
  chatLinkInvalid: 'This link to your conversation is not right: it was changed or cut off. Open the whole link from the e-mail.',
  chatLinkExpired: 'This link to your conversation has expired. The newest e-mail about your question has a fresh one.',
  chatLinkGone: 'This conversation no longer exists: it was erased or deleted after the retention period. Feel free to ask a new question.',
  chatLinkFailed: 'Your conversation cannot be opened right now. Check your connection and open the link again.',
  chatLinkBusy: 'Something of another conversation is still being sent from this browser. Open the link again once that is done.',
  handoffSending: 'Passing your question on to a person…',
  ticketSolved: 'Your question has been marked as solved. Anything else? Write it here and we pick it up again.',
  handoffTitle: 'Ask a person',
  handoffEmail: 'Your e-mail address (required)',
  handoffName: 'Your name (optional)',
  handoffMessage: 'Anything you want to add? (optional)',
  handoffWillSend: 'We will send this conversation along:',
  handoffSend: 'Send to a person',
  handoffCancel: 'Cancel',
  handoffEmailInvalid: 'Enter a valid e-mail address, like name@example.com.',
  handoffQueued: 'Your question is ready to go. It will be sent as soon as there is a connection.',
  handoffSent: (number: string) => `Your question has been passed on (ticket ${number}). A person will reply here and by e-mail.`,
  agentSays: 'Support',
  youSay: 'You',
  assistantSays: 'Assistant',
  replyToAgent: 'Reply to support',
  attachAdd: 'Add attachment',
  attachHint: 'Photo or PDF, up to 5 files of 10 MB',
  attachRemove: (name: string) => `Remove ${name}`,
  attachSending: 'Sending attachments…',
  attachDownload: 'Attachment',
  attachError: (code: string, name: string) =>
    code === 'attachment-type'
      ? `"${name}" is not a photo or PDF. Choose a photo (JPG, PNG, WebP, GIF) or a PDF.`
      : code === 'attachment-heic'
        ? `"${name}" is an HEIC photo (the iPhone's own format), which we cannot open. Send it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible) or choose another photo or a PDF.`
        : code === 'attachment-too-large'
          ? `"${name}" is larger than 10 MB. Choose a smaller file.`
          : code === 'attachment-count'
            ? 'You can send at most 5 files.'
            : code === 'attachment-empty' || code === 'attachment-unreadable'
              ? `We cannot open "${name}". Is the file empty or damaged?`
              : `"${name}" was not sent (no connection?). Your text and files are still here: please try again.`,
  articleFeedback: 'Your view of this article',
  articleHelpful: 'Was this helpful?',
  articleFeedbackThanks: 'Thank you! This helps us improve the help center.',
  articleFeedbackGiven: 'Your answer has been saved.',
  csatQuestion: 'How satisfied are you with the help you got?',
  csatLow: 'very dissatisfied',
  csatHigh: 'very satisfied',
  csatThanks: 'Thank you for your rating!',
  csatGiven: (score: number) => `You gave ${score} out of 5.`,
  csatPageTitle: 'How did we help you?',
  csatPageIntro: 'Your question has been solved. Would you tell us how satisfied you are? One click is enough.',
  csatUnknownLink: 'We do not know this link (any more). Use the link in the latest e-mail about your question, or ask again in the chat.',
  csatSendFailed: 'Sending did not work. Check your connection and try again.',
  csatSending: 'Sending…',
};

/** The interface text of one locale. */
export type UiStrings = Strings;

const STRINGS: Record<Locale, Strings> = { nl, en };

/** Interface text for `locale`. */
export function ui(locale: Locale): UiStrings {
  return STRINGS[locale];
}

// One formatter per locale: making one costs more than formatting, and a build formats a date on every article page.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Formats a date the way readers of `locale` expect (14 oktober 2026 / 14 October 2026). */
export function formatDate(date: Date, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

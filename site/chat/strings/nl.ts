/**
 * The chat widget's interface text in Dutch. The widget loads only its page's
 * locale (site/chat/strings.ts); site/i18n/ui.ts includes it under the same
 * names for the pages.
 */
import { MAX_ATTACHMENT_MB, MAX_ATTACHMENTS_PER_MESSAGE } from '#core/attachments.ts';

export const chatText = {
  chatOpen: 'Stel een vraag',
  chatArriving: 'Laden…',
  chatCannotArrive: 'Geen verbinding.',
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
  /** The reply box's placeholder: short enough for a 320 px phone (its label says to whom). */
  replyPlaceholder: 'Typ je antwoord…',
  questionTooLong: (max: number) =>
    `Je vraag is langer dan ${max} tekens, meer leest de assistent niet. Maak hem korter, of praat met een medewerker: je tekst gaat dan mee.`,
  messageTooLong: (max: number) => `Je bericht is langer dan ${max.toLocaleString('nl-NL')} tekens. Maak het korter.`,
  attachAdd: 'Bijlage toevoegen',
  attachHint: `Foto of pdf, max. ${MAX_ATTACHMENTS_PER_MESSAGE} bestanden van ${MAX_ATTACHMENT_MB} MB`,
  attachRemove: (name: string) => `${name} verwijderen`,
  attachSending: 'Bijlagen versturen…',
  attachDownload: 'Bijlage',
  attachDownloadFailed: (name: string) => `"${name}" kon niet worden opgehaald. Controleer je verbinding en probeer het opnieuw.`,
  /** Why a file cannot go along, naming it; `code` is the API's (core/attachments.ts), '' for no connection. */
  attachError: (code: string, name: string) =>
    code === 'attachment-type'
      ? `"${name}" is geen foto of pdf. Kies een foto (JPG, PNG, WebP, GIF) of een pdf.`
      : code === 'attachment-heic'
        ? `"${name}" is een HEIC-foto (het eigen formaat van de iPhone) en die kunnen we niet openen. Stuur hem als JPG (op de iPhone: Instellingen > Camera > Formaten > Meest compatibel) of kies een andere foto of een pdf.`
        : code === 'attachment-too-large'
          ? `"${name}" is groter dan ${MAX_ATTACHMENT_MB} MB. Kies een kleiner bestand.`
          : code === 'attachment-count'
            ? `Je kunt maximaal ${MAX_ATTACHMENTS_PER_MESSAGE} bestanden meesturen.`
            : code === 'attachment-empty' || code === 'attachment-unreadable'
              ? `"${name}" kunnen we niet openen. Is het bestand leeg of beschadigd?`
              : `"${name}" is niet verstuurd (geen verbinding?). Je tekst en bestanden staan er nog: probeer het opnieuw.`,
  csatQuestion: 'Hoe tevreden ben je over de hulp die je kreeg?',
  csatLow: 'zeer ontevreden',
  csatHigh: 'zeer tevreden',
  csatThanks: 'Bedankt voor je beoordeling!',
  csatGiven: (score: number) => `Je gaf ${score} van 5.`,
  /** The assistant's model could not be loaded while online. */
  chatLoadFailed: 'Zoeken lukt nu niet. Probeer het zo nog eens.',
};

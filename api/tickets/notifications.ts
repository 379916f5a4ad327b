/**
 * What the customer is told by e-mail when an agent answers, in their
 * language, as plain text. Replies by e-mail are not read: the customer
 * answers in the chat.
 */
import type { Logger } from '../log.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { csatLink } from '../csat/service.ts';
import type { ReplyNotification } from './agent-reply.ts';
import type { SolvedNotification } from './change.ts';

const TEXT = {
  nl: {
    subject: (n: ReplyNotification) => `Antwoord op je vraag [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hallo ${name},` : 'Hallo,'),
    intro: (agent: string) => `${agent} heeft je vraag beantwoord:`,
    outro: 'Reageren kan in de chat op onze helppagina’s. Op deze e-mail antwoorden komt niet aan.',
  },
  en: {
    subject: (n: ReplyNotification) => `Reply to your question [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (agent: string) => `${agent} answered your question:`,
    outro: 'You can respond in the chat on our help pages. Replies to this e-mail are not read.',
  },
} as const;

/** The e-mail for a reply. */
export function replyMail(notification: ReplyNotification): MailMessage {
  const text = TEXT[notification.locale];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [text.greeting(notification.name), '', text.intro(notification.agentName), '', notification.body, '', text.outro, ''].join('\n'),
  };
}

/**
 * Sends the reply e-mail without keeping the agent waiting: failures are
 * logged, never thrown (the reply itself is stored and visible in the chat).
 * Resolves when the attempt is over.
 */
export async function notifyCustomer(mailer: Mailer, logger: Logger, notification: ReplyNotification): Promise<void> {
  try {
    await mailer.send(replyMail(notification));
  } catch (error) {
    logger.error(`could not e-mail the reply on ${notification.number}`, error);
  }
}

const SOLVED_TEXT = {
  nl: {
    subject: (n: SolvedNotification) => `Je vraag is opgelost [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hallo ${name},` : 'Hallo,'),
    intro: (number: string) => `We hebben je vraag ${number} als opgelost gemarkeerd.`,
    question: 'Hoe tevreden ben je over onze hulp? Geef een cijfer van 1 tot 5:',
    outro: 'Toch nog niet opgelost? Reageer in de chat op onze helppagina’s, dan gaan we verder. Op deze e-mail antwoorden komt niet aan.',
  },
  en: {
    subject: (n: SolvedNotification) => `Your question is solved [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (number: string) => `We have marked your question ${number} as solved.`,
    question: 'How satisfied are you with our help? Give a score from 1 to 5:',
    outro: 'Not solved after all? Respond in the chat on our help pages and we will carry on. Replies to this e-mail are not read.',
  },
} as const;

/**
 * The e-mail that tells the customer their ticket is solved, with the link
 * to the satisfaction question (absolute under `siteUrl` when it is set).
 */
export function solvedMail(notification: SolvedNotification, siteUrl?: string): MailMessage {
  const text = SOLVED_TEXT[notification.locale];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [text.greeting(notification.name), '', text.intro(notification.number), '', text.question, csatLink(notification.locale, notification.csatToken, siteUrl), '', text.outro, ''].join('\n'),
  };
}

/** Sends the solved e-mail; like {@link notifyCustomer}, failures are logged, never thrown. */
export async function notifySolved(mailer: Mailer, logger: Logger, notification: SolvedNotification, siteUrl?: string): Promise<void> {
  try {
    await mailer.send(solvedMail(notification, siteUrl));
  } catch (error) {
    logger.error(`could not e-mail that ${notification.number} is solved`, error);
  }
}

/**
 * What the customer is told by e-mail when an agent answers or solves their
 * question, in their language, as plain text. Every e-mail carries the link
 * back to the conversation (api/conversations/link.ts), which reopens it in
 * the widget on any device. Replies by e-mail are not read yet: the customer
 * answers in the chat.
 */
import type { Logger } from '../log.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { csatLink } from '../csat/service.ts';
import { type LinkSigner, linkUrl, makeLink } from '../conversations/link.ts';
import type { ReplyNotification, SolvedNotification } from './service.ts';

/** The link back to the conversation, as the e-mail shows it. */
export interface ConversationLink {
  url: string;
  /** Days it works. */
  days: number;
}

const TEXT = {
  nl: {
    subject: (n: ReplyNotification) => `Antwoord op je vraag [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hallo ${name},` : 'Hallo,'),
    intro: (agent: string) => `${agent} heeft je vraag beantwoord:`,
    link: (link: ConversationLink) => `Verder praten kan in de chat op onze helppagina’s. Deze link opent je gesprek, ook op een ander apparaat (${link.days} dagen geldig):\n${link.url}`,
    outro: 'Op deze e-mail antwoorden komt niet aan.',
  },
  en: {
    subject: (n: ReplyNotification) => `Reply to your question [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (agent: string) => `${agent} answered your question:`,
    link: (link: ConversationLink) => `You can carry on in the chat on our help pages. This link opens your conversation, on another device too (valid for ${link.days} days):\n${link.url}`,
    outro: 'Replies to this e-mail are not read.',
  },
} as const;

/** The e-mail for a reply, with the link back to the conversation. */
export function replyMail(notification: ReplyNotification, link: ConversationLink): MailMessage {
  const text = TEXT[notification.locale];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [text.greeting(notification.name), '', text.intro(notification.agentName), '', notification.body, '', text.link(link), '', text.outro, ''].join('\n'),
  };
}

/** A fresh link to `conversationId` for an e-mail. */
export async function conversationLink(links: LinkSigner, conversationId: string, siteUrl: string | undefined): Promise<ConversationLink> {
  return { url: linkUrl(await makeLink(links, conversationId), siteUrl), days: links.ttlDays };
}

/** Where the links in e-mail point and how they are signed. */
export interface MailLinks {
  links: LinkSigner;
  /** SITE_URL; unset: the links are paths. */
  siteUrl: string | undefined;
}

/**
 * Sends the reply e-mail without keeping the agent waiting: failures are
 * logged, never thrown (the reply itself is stored and visible in the chat).
 * Resolves when the attempt is over.
 */
export async function notifyCustomer(mailer: Mailer, logger: Logger, notification: ReplyNotification, { links, siteUrl }: MailLinks): Promise<void> {
  try {
    await mailer.send(replyMail(notification, await conversationLink(links, notification.conversationId, siteUrl)));
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
    link: (link: ConversationLink) => `Toch nog niet opgelost? Reageer in de chat, dan gaan we verder. Deze link opent je gesprek, ook op een ander apparaat (${link.days} dagen geldig):\n${link.url}`,
    outro: 'Op deze e-mail antwoorden komt niet aan.',
  },
  en: {
    subject: (n: SolvedNotification) => `Your question is solved [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (number: string) => `We have marked your question ${number} as solved.`,
    question: 'How satisfied are you with our help? Give a score from 1 to 5:',
    link: (link: ConversationLink) => `Not solved after all? Respond in the chat and we will carry on. This link opens your conversation, on another device too (valid for ${link.days} days):\n${link.url}`,
    outro: 'Replies to this e-mail are not read.',
  },
} as const;

/**
 * The e-mail that tells the customer their ticket is solved, with the link
 * to the satisfaction question (absolute under `siteUrl` when it is set) and
 * the link back to the conversation.
 */
export function solvedMail(notification: SolvedNotification, link: ConversationLink, siteUrl?: string): MailMessage {
  const text = SOLVED_TEXT[notification.locale];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [text.greeting(notification.name), '', text.intro(notification.number), '', text.question, csatLink(notification.locale, notification.csatToken, siteUrl), '', text.link(link), '', text.outro, ''].join('\n'),
  };
}

/** Sends the solved e-mail; like {@link notifyCustomer}, failures are logged, never thrown. */
export async function notifySolved(mailer: Mailer, logger: Logger, notification: SolvedNotification, { links, siteUrl }: MailLinks): Promise<void> {
  try {
    await mailer.send(solvedMail(notification, await conversationLink(links, notification.conversationId, siteUrl), siteUrl));
  } catch (error) {
    logger.error(`could not e-mail that ${notification.number} is solved`, error);
  }
}

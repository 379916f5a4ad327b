/**
 * What the customer is told by e-mail when an agent answers or solves their
 * question, in their language, as plain text. Every e-mail carries the link
 * back to the conversation (api/conversations/link.ts), which reopens it in
 * the widget on any device. They are sent through the durable outbox
 * (api/mail/outbox.ts), which adds the threading headers and the ticket's
 * reply address. When replies by e-mail reach Wegwijs (the inbound SMTP
 * listener or a polled mailbox, api/inbound), the e-mail invites the customer
 * to simply reply; otherwise it says nothing about replying (the reply goes
 * to MAIL_FROM's mailbox, where a person may still read it) and points to
 * the chat.
 */
import type { MailMessage } from '../mail/mailer.ts';
import { formatBytes } from '#core/attachments.ts';
import { csatLink } from '../csat/service.ts';
import { type LinkSigner, linkUrl, makeLink } from '../conversations/link.ts';
import type { ReplyNotification } from './agent-reply.ts';
import type { SolvedNotification } from './change.ts';

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
    files: (count: number) =>
      `${count === 1 ? 'Er hoort een bijlage' : `Er horen ${count} bijlagen`} bij dit antwoord. Je opent ze in je gesprek, via de link hieronder:`,
    link: (link: ConversationLink) =>
      `Verder praten kan in de chat op onze helppagina’s. Deze link opent je gesprek, ook op een ander apparaat (${link.days} dagen geldig):\n${link.url}`,
    /** Only when replies by e-mail are read. */
    replyByMail: 'Je kunt ook gewoon op deze e-mail antwoorden: je antwoord komt bij ons binnen.',
  },
  en: {
    subject: (n: ReplyNotification) => `Reply to your question [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (agent: string) => `${agent} answered your question:`,
    files: (count: number) =>
      `${count === 1 ? 'A file comes' : `${count} files come`} with this reply. Open ${count === 1 ? 'it' : 'them'} in your conversation, through the link below:`,
    link: (link: ConversationLink) =>
      `You can carry on in the chat on our help pages. This link opens your conversation, on another device too (valid for ${link.days} days):\n${link.url}`,
    /** Only when replies by e-mail are read. */
    replyByMail: 'You can also simply reply to this e-mail: your answer reaches us.',
  },
} as const;

/**
 * The e-mail for a reply, with the link back to the conversation. Files on
 * the reply are named with their sizes, not attached: they are opened in the
 * conversation, where the link leads (a download there needs the
 * conversation's token, so they never travel through mailboxes).
 */
export function replyMail(notification: ReplyNotification, link: ConversationLink, inbound = false): MailMessage {
  const text = TEXT[notification.locale];
  const files = notification.attachments ?? [];
  // Names are text in a text/plain e-mail; cleaned of control characters when uploaded, one per line.
  const fileLines =
    files.length === 0 ? [] : [text.files(files.length), ...files.map((file) => `- ${file.filename} (${formatBytes(file.size, notification.locale)})`), ''];
  const body = notification.body.trim() === '' ? [] : [notification.body, ''];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [
      text.greeting(notification.name),
      '',
      text.intro(notification.agentName),
      '',
      ...body,
      ...fileLines,
      text.link(link),
      '',
      ...(inbound ? [text.replyByMail, ''] : []),
    ].join('\n'),
  };
}

/** A fresh link to `conversationId` for an e-mail. */
export async function conversationLink(links: LinkSigner, conversationId: string, siteUrl: string | undefined): Promise<ConversationLink> {
  return { url: linkUrl(await makeLink(links, conversationId), siteUrl), days: links.ttlDays };
}

const SOLVED_TEXT = {
  nl: {
    subject: (n: SolvedNotification) => `Je vraag is opgelost [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hallo ${name},` : 'Hallo,'),
    intro: (number: string) => `We hebben je vraag ${number} als opgelost gemarkeerd.`,
    question: 'Hoe tevreden ben je over onze hulp? Geef een cijfer van 1 tot 5:',
    link: (link: ConversationLink) =>
      `Toch nog niet opgelost? Reageer in de chat, dan gaan we verder. Deze link opent je gesprek, ook op een ander apparaat (${link.days} dagen geldig):\n${link.url}`,
    /** Only when replies by e-mail are read. */
    replyByMail: 'Je kunt ook gewoon op deze e-mail antwoorden: je antwoord komt bij ons binnen.',
  },
  en: {
    subject: (n: SolvedNotification) => `Your question is solved [${n.number}]: ${n.subject}`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (number: string) => `We have marked your question ${number} as solved.`,
    question: 'How satisfied are you with our help? Give a score from 1 to 5:',
    link: (link: ConversationLink) =>
      `Not solved after all? Respond in the chat and we will carry on. This link opens your conversation, on another device too (valid for ${link.days} days):\n${link.url}`,
    /** Only when replies by e-mail are read. */
    replyByMail: 'You can also simply reply to this e-mail: your answer reaches us.',
  },
} as const;

/**
 * The e-mail that tells the customer their ticket is solved, with the link
 * to the satisfaction question (absolute under `siteUrl` when it is set) and
 * the link back to the conversation.
 */
export function solvedMail(notification: SolvedNotification, link: ConversationLink, siteUrl?: string, inbound = false): MailMessage {
  const text = SOLVED_TEXT[notification.locale];
  return {
    to: notification.to,
    subject: text.subject(notification),
    text: [
      text.greeting(notification.name),
      '',
      text.intro(notification.number),
      '',
      text.question,
      csatLink(notification.locale, notification.csatToken, siteUrl),
      '',
      text.link(link),
      '',
      ...(inbound ? [text.replyByMail, ''] : []),
    ].join('\n'),
  };
}

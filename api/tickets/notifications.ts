/**
 * What the customer is told by e-mail when an agent answers, in their
 * language, as plain text. Replies by e-mail are not read: the customer
 * answers in the chat.
 */
import type { Logger } from '../log.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import type { ReplyNotification } from './service.ts';

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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/logger.ts';
import { fakeSmtpServer } from '../test/smtp.ts';
import { createMailer } from './mailer.ts';

describe('createMailer', () => {
  let smtp: Awaited<ReturnType<typeof fakeSmtpServer>>;
  beforeAll(async () => {
    smtp = await fakeSmtpServer();
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  it('writes the e-mail to the log without SMTP_URL', async () => {
    const logger = recordingLogger();
    const mailer = await createMailer({ smtpUrl: undefined, from: 'Wegwijs <no-reply@localhost>' }, logger);
    expect(mailer.kind).toBe('log');
    await mailer.send({ to: 'jan@example.nl', subject: 'Antwoord [WW-1001]', text: 'Hallo Jan,\n\nHet komt morgen.' });
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'mail not sent (SMTP_URL is not set):\n  To: jan@example.nl\n  Subject: Antwoord [WW-1001]\n  | Hallo Jan,\n  | \n  | Het komt morgen.\n',
      },
    ]);
  });

  it('escapes CR and LF in the logged mail, so a name cannot forge a log line', async () => {
    const logger = recordingLogger();
    const mailer = await createMailer({ smtpUrl: undefined, from: 'Wegwijs <no-reply@localhost>' }, logger);
    await mailer.send({ to: 'Jan\r\nerror: forged <jan@example.nl>', subject: 'Antwoord\nerror: forged', text: 'Hallo Jan\r\nerror: forged,\n\nTekst' });
    const lines = logger.lines[0]?.message.split('\n') ?? [];
    expect(lines.filter((line) => line.startsWith('error:'))).toEqual([]);
    expect(lines).toContain('  To: Jan\\r\\nerror: forged <jan@example.nl>');
    expect(lines).toContain('  | error: forged,');
  });

  it('sends plain text through the SMTP server of SMTP_URL, from MAIL_FROM', async () => {
    const mailer = await createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Duinwinkel <klantenservice@duinwinkel.example>' }, recordingLogger());
    expect(mailer.kind).toBe('smtp');
    try {
      await mailer.send({ to: 'jan@example.nl', subject: 'Antwoord [WW-1001]', text: 'Hallo Jan, <b>niet vet</b>.' });
    } finally {
      mailer.close();
    }
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('MAIL FROM:<klantenservice@duinwinkel.example>');
    expect(mail?.to).toEqual(['RCPT TO:<jan@example.nl>']);
    expect(mail?.data).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(mail?.data).not.toMatch(/text\/html/);
    expect(mail?.data).toMatch(/^Subject: Antwoord \[WW-1001\]$/m);
    expect(mail?.data).toContain('Hallo Jan, <b>niet vet</b>.');
  });

  it('rejects when the server cannot be reached', async () => {
    const mailer = await createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'no-reply@localhost' }, recordingLogger());
    await expect(mailer.send({ to: 'jan@example.nl', subject: 'x', text: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    mailer.close();
  });
});

import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/logger.ts';
import { createMailer } from './mailer.ts';

/** The least of an SMTP server (RFC 5321) that nodemailer needs: it keeps each message's envelope and data. */
function fakeSmtpServer(): Promise<{ server: Server; port: number; received: { from: string; to: string[]; data: string }[] }> {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.setEncoding('utf8');
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '' };
          socket.write('250 queued\r\n');
          continue;
        }
        const lineEnd = buffer.indexOf('\r\n');
        if (lineEnd === -1) return;
        const line = buffer.slice(0, lineEnd);
        buffer = buffer.slice(lineEnd + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 ok\r\n');
        }
        else if (verb === 'RCPT') {
          current.to.push(line);
          socket.write('250 ok\r\n');
        }
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        }
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, received })));
}

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
    expect(logger.lines).toEqual([{ level: 'info', message: 'mail not sent (SMTP_URL is not set):\n  To: jan@example.nl\n  Subject: Antwoord [WW-1001]\n  | Hallo Jan,\n  | \n  | Het komt morgen.\n' }]);
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

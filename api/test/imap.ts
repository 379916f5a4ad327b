/**
 * A real IMAP server on 127.0.0.1 in the test's own process (hoodiecrow-imap:
 * IMAP4rev1 with IDLE, UIDPLUS, MOVE…, one mailbox kept in memory), so the
 * poller's loop is tested over the wire: LOGIN, SELECT, SEARCH UNSEEN, UID
 * FETCH, UID STORE \Seen, IDLE's EXISTS, and connections that drop.
 */
import type { Socket } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';

/** A running test mailbox. */
export interface TestImap {
  /** `IMAP_URL` for it. */
  url: string;
  /** Delivers a message into INBOX, as the provider would. */
  deliver(raw: string | Buffer): void;
  /** The flags of each message in INBOX, oldest first. */
  flags(): string[][];
  /** Cuts every open connection, as a restarting provider or a flaky network does. */
  dropConnections(): void;
  /** Cuts the connection when the next `command` (e.g. `UID STORE`) arrives, before the server carries it out. */
  dropOn(command: string): void;
  /** How many connections were opened so far. */
  connections(): number;
  close(): Promise<void>;
}

const USER = 'klantenservice@duinwinkel.example';
const PASSWORD = 'ge/heim wachtwoord';

/** Starts an IMAP server on a free port of 127.0.0.1 with an empty INBOX. */
export async function startTestImap(): Promise<TestImap> {
  const server = hoodiecrow({
    plugins: ['IDLE', 'UIDPLUS', 'MOVE', 'ENABLE', 'ID', 'UNSELECT', 'LITERALPLUS', 'SPECIAL-USE', 'NAMESPACE'],
    users: { [USER]: { password: PASSWORD } },
    storage: { INBOX: { messages: [] }, '': { separator: '/', folders: {} } },
  });
  const sockets = new Set<Socket>();
  let opened = 0;
  server.server.on('connection', (socket: Socket) => {
    opened++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `imap://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/INBOX`,
    deliver(raw) {
      // hoodiecrow keeps sources as strings; ours are ASCII/UTF-8 e-mail with CRLF line ends.
      server.appendMessage('INBOX', [], false, Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
    },
    flags: () => (server.getMailbox('INBOX')?.messages ?? []).map((message) => [...message.flags]),
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    dropOn(command) {
      const original = server.getCommandHandler(command);
      if (!original) throw new Error(`hoodiecrow knows no ${command}`);
      server.setCommandHandler(command, (connection, parsed, data, callback) => {
        server.setCommandHandler(command, original);
        connection.socket?.destroy();
        void parsed;
        void data;
        void callback;
      });
    },
    connections: () => opened,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The part of hoodiecrow-imap the tests use (it ships no types): a
 * scriptable IMAP server kept in memory. See
 * node_modules/hoodiecrow-imap/README.md and lib/server.js.
 */
declare module 'hoodiecrow-imap' {
  interface HoodiecrowMessage {
    uid: number;
    flags: string[];
    raw: string;
  }
  interface HoodiecrowMailbox {
    messages: HoodiecrowMessage[];
  }
  /** A command handler: `(connection, parsed, data, callback)`; `connection.socket` is the client's socket. */
  type HoodiecrowCommand = (connection: { socket: import('node:net').Socket | null }, parsed: unknown, data: unknown, callback: () => void) => void;
  interface HoodiecrowServer {
    /** The listening socket server. */
    server: import('node:net').Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    /** Adds a message as a delivery would, and tells the connections that have the folder open (EXISTS). */
    appendMessage(mailbox: string, flags: string[], internaldate: Date | false, raw: string): { message: HoodiecrowMessage };
    getMailbox(path: string): HoodiecrowMailbox | undefined;
    getCommandHandler(command: string): HoodiecrowCommand | false;
    setCommandHandler(command: string, handler: HoodiecrowCommand): void;
  }
  interface HoodiecrowOptions {
    /** Capabilities to add: IDLE, UIDPLUS, MOVE, ENABLE, ID, UNSELECT, LITERALPLUS, SPECIAL-USE, NAMESPACE, CONDSTORE… */
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, unknown>;
  }
  function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
  export default hoodiecrow;
}

/**
 * A tiny leveled logger. Lines go to stderr (warnings, errors) and stdout
 * (the rest), so a process manager can tell them apart; no dependency, no
 * formatting beyond a level tag, because `npm start` is read by people.
 *
 * The log is kept outside the reach of retention and erasure, so customer
 * data stays out of it: an error is written by {@link describeError} (its
 * name, SQLSTATE code, a redacted message without the query's parameters,
 * and its stack frames), never as the raw object.
 */
import { redact } from '#core/privacy/redact.ts';

/** Levels from most to least important. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** How much to log: this level and every more important one. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Something that takes log lines; tests pass their own to read what was logged. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/**
 * Creates a logger that drops lines below `level`.
 *
 * @param level - Least important level still written. Default `info`.
 * @example
 * const log = createLogger('warn');
 * log.info('not written');
 * log.error('request failed', error); // message, then the stack
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  const limit = LOG_LEVELS.indexOf(level);
  const enabled = (candidate: LogLevel) => LOG_LEVELS.indexOf(candidate) <= limit;
  return {
    error(message, error) {
      if (!enabled('error')) return;
      console.error(`error: ${oneLine(message)}`);
      // The stack (and its causes) stays in the server log; responses never carry it.
      if (error !== undefined) console.error(describeError(error));
    },
    warn(message) {
      if (enabled('warn')) console.warn(`warn: ${oneLine(message)}`);
    },
    info(message) {
      if (enabled('info')) console.log(message);
    },
    debug(message) {
      if (enabled('debug')) console.log(`debug: ${message}`);
    },
  };
}

/** `text` with CR and LF escaped, so what a customer typed cannot forge a log line of its own. */
export function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/**
 * An error as the log shows it: `Name [code]: message`, then its stack
 * frames, then its causes the same way. The message is redacted (e-mail
 * addresses, phone and long numbers) and loses what a database driver
 * appends after `params:` (the query's values: customer e-mail, names,
 * text); the SQL itself stays, it tells what failed.
 *
 * @example describeError(new Error('no row for jan@example.nl')) // 'Error: no row for [e-mail]\n    at …'
 */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return oneLine(redact(String(error)).slice(0, 500));
  const code = (error as { code?: unknown }).code;
  const message = redact(error.message.replace(/\s*params:[\s\S]*$/, ' (parameters not logged)')).slice(0, 2000);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 15);
  const head = `${error.name}${typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : ''}: ${oneLine(message)}`;
  const cause = error.cause !== undefined && depth < 3 ? `\ncaused by ${describeError(error.cause, depth + 1)}` : '';
  return [head, ...frames].join('\n') + cause;
}

/** A logger that writes nothing (tests that do not look at the log). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

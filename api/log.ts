/**
 * A tiny leveled logger. Lines go to stderr (warnings, errors) and stdout
 * (the rest), so a process manager can tell them apart; no dependency, no
 * formatting beyond a level tag, because `npm start` is read by people.
 */

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
      console.error(`error: ${message}`);
      // The stack (and its causes) stays in the server log; responses never carry it.
      if (error !== undefined) console.error(error);
    },
    warn(message) {
      if (enabled('warn')) console.warn(`warn: ${message}`);
    },
    info(message) {
      if (enabled('info')) console.log(message);
    },
    debug(message) {
      if (enabled('debug')) console.log(`debug: ${message}`);
    },
  };
}

/** A logger that writes nothing (tests that do not look at the log). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

import type { Logger } from '../log.ts';

/** One line a {@link recordingLogger} received. */
export interface LoggedLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  error?: unknown;
}

/** A logger that keeps its lines in `lines`, for tests that check what was logged. */
export function recordingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    error: (message, error) => lines.push({ level: 'error', message, error }),
    warn: (message) => lines.push({ level: 'warn', message }),
    info: (message) => lines.push({ level: 'info', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
  };
}

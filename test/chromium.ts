/**
 * Which Chromium the browser tests and benchmarks drive, and how: Debian's
 * (never a downloaded browser), headless, with the flags this machine's
 * closed network needs. Apart from test/browser.ts so that the shared
 * browser's global setup (test/shared-chromium.ts) loads nothing else.
 */

/** Path of the Chromium binary: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** Command-line flags for every launch. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

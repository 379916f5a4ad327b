/**
 * Which Chromium the browser tests and benchmarks drive, and how: Debian's
 * (never a downloaded browser), headless, with the flags this machine's
 * closed network needs. Apart from test/browser.ts so that the shared
 * browser's global setup (test/shared-chromium.ts) loads nothing else.
 */

/** Path of the Chromium binary: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * The features playwright-core (1.65) switches off itself, in its own `--disable-features`
 * (chromiumSwitches.ts). Chromium keeps only the last `--disable-features` it is given, so ours
 * must repeat them; test/chromium.test.ts fails when Playwright's list has one that ours lacks.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * The address bar's popup, a web page of Chromium's own (chrome://omnibox-popup.top-chrome/) that
 * Chromium 156 makes for every browser context, headless too, in a renderer process of its own that
 * no test looks at: some 1.3 CPU-s of every new context (docs/decisions/037-browser-tests-spend-less-chromium.md).
 */
export const OMNIBOX_POPUP_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

/** Command-line flags for every launch. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP_FEATURES].join(',')}`,
];

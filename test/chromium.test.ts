/**
 * The flags of test/chromium.ts do what they say: the omnibox popup's renderer is gone from a new
 * browser context, and Playwright's own switched-off features stay off although our
 * `--disable-features` replaces Playwright's on the command line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser } from './browser.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, OMNIBOX_POPUP_FEATURES } from './chromium.ts';

/** The features Chromium hands its renderers as switched off: what it made of its command line. */
function disabledInRenderers(): string[] {
  const processes = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const ppid =
          readFileSync(`/proc/${pid}/stat`, 'utf8')
            .replace(/^.*\) /s, '')
            .split(' ')[1] ?? '';
        // A zygote's child writes its title over its arguments: one string with spaces, not NULs.
        return [{ pid, ppid, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/) }];
      } catch {
        return []; // gone meanwhile
      }
    });
  // This worker's Chromium only (others may run on the machine): its renderers, re-parented by the zygote's double
  // fork, are found by the profile folder they share with the browser process, which is this worker's child.
  const browser = processes.find((p) => p.ppid === String(process.pid) && p.args.some((arg) => arg.startsWith('--user-data-dir=')));
  const profile = browser?.args.find((arg) => arg.startsWith('--user-data-dir='));
  const renderer = processes.find((p) => profile && p.args.includes(profile) && p.args.includes('--type=renderer') && !p.args.includes('--top-chrome-webui'));
  const flag = renderer?.args.find((arg) => arg.startsWith('--disable-features='));
  if (!flag) throw new Error('no page renderer of this worker with --disable-features');
  return flag.slice('--disable-features='.length).split(',');
}

/** Chromium started with `args`, one page of a new context open; what its renderers are told and which targets it has. */
async function look(args: string[]): Promise<{ disabled: string[]; targets: string[] }> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto('data:text/html,<p>hi</p>');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
    return { disabled: disabledInRenderers(), targets: targetInfos.map((target) => target.url) };
  } finally {
    await browser.close();
  }
}

describeWithBrowser('the test Chromium', () => {
  it('makes no omnibox popup per context, and keeps every feature Playwright switches off', async () => {
    const ours = await look(CHROMIUM_ARGS);
    expect(ours.targets.filter((url) => url.startsWith('chrome://omnibox-popup'))).toEqual([]);
    expect(ours.disabled).toEqual(expect.arrayContaining(OMNIBOX_POPUP_FEATURES));
    // Playwright's own list, as Chromium received it when we add no --disable-features of ours.
    const playwrights = await look(CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--disable-features=')));
    expect(ours.disabled).toEqual(expect.arrayContaining(playwrights.disabled));
  }, 60_000);
});

/**
 * What a customer downloads on the demo site, measured in Chromium as the
 * outside checks of issue 16 do: the article page as it loads, then what
 * typing into the search combobox fetches, then — on a fresh page — what
 * opening the chat ("Stel een vraag") and sending one question fetches until
 * the answer shows. Every response body is counted at its gzip size
 * (zlib's default level), whatever encoding the server chose, so figures
 * compare across servers and with the build-time budgets.
 *
 * Shared by the weight test (site/weight.browser.test.ts: byte budgets) and
 * `npm run bench:site` (bytes and the time to the first answer).
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

/** One response: its path and gzip size. */
export interface Download {
  path: string;
  gzip: number;
}

/** What one step downloaded. */
export interface Step {
  downloads: Download[];
  /** Sum of the downloads' gzip sizes. */
  gzip: number;
}

/** The three steps a customer takes, and the time to the first answer. */
export interface FirstDownloads {
  article: Step;
  firstSearch: Step;
  widget: Step & {
    /** From the Enter key to the answer in the chat's log, ms, in the page's clock. */
    answerMs: number;
    /** The CPU slow-down the answer was timed under (1: none). */
    cpuThrottling: number;
  };
}

/** The customer's words per locale: the article page, what they type into search and into the chat, and the answer's title. */
export const CUSTOMER = {
  nl: {
    article: '/nl/bezorging/levertijden/',
    search: 'pakketje kwijt',
    launcher: 'Stel een vraag',
    question: 'waar is mijn pakket',
    answerTitle: 'Waar is mijn pakket?',
  },
  en: {
    article: '/en/delivery/delivery-times/',
    search: 'lost parcel',
    launcher: 'Ask a question',
    question: 'where is my parcel',
    answerTitle: 'Where is my parcel?',
  },
} as const;

/** Counts every response of `page` from now on until `stop()`. */
function recorder(page: Page): { stop(): Promise<Step> } {
  const pending: Promise<Download | null>[] = [];
  const onResponse = (response: Response) => {
    pending.push(
      response.body().then(
        (body) => ({ path: new URL(response.url()).pathname, gzip: gzipSync(body).length }),
        // A redirect or an aborted request has no body to count.
        () => null,
      ),
    );
  };
  page.on('response', onResponse);
  return {
    async stop() {
      page.off('response', onResponse);
      const downloads = (await Promise.all(pending)).filter((d): d is Download => d !== null);
      return { downloads, gzip: downloads.reduce((sum, d) => sum + d.gzip, 0) };
    },
  };
}

/** Presses `selector`'s element at its centre, as a person with a mouse would. */
async function pressAtCentre(page: Page, target: ReturnType<Page['getByRole']>): Promise<void> {
  await target.waitFor({ state: 'visible' });
  const box = await target.boundingBox();
  if (!box) throw new Error('Wegwijs downloads: the control has no box to press');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Measures the customer's first downloads on the site at `origin` in one
 * locale. With `cpuThrottling` above 1, the chat step runs on a CPU slowed
 * that many times (DevTools `Emulation.setCPUThrottlingRate`) and the time
 * from Enter to the answer is taken; the question is sent once the model has
 * arrived, as when a customer is still typing while it downloads.
 */
export async function measureFirstDownloads(
  browser: Browser,
  origin: string,
  options: { locale?: 'nl' | 'en'; cpuThrottling?: number } = {},
): Promise<FirstDownloads> {
  const words = CUSTOMER[options.locale ?? 'nl'];
  const cpuThrottling = options.cpuThrottling ?? 1;
  const fresh = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    return { context, page: await context.newPage() };
  };

  // The article page and the first search, on one page.
  const first = await fresh();
  try {
    const articleRecording = recorder(first.page);
    // The icon belongs to the page; Chromium may ask for it after the network went quiet once.
    const icon = first.page.waitForResponse((r) => new URL(r.url()).pathname === '/favicon.svg', { timeout: 5_000 }).catch(() => undefined);
    await first.page.goto(`${origin}${words.article}`);
    await icon;
    await first.page.waitForLoadState('networkidle');
    const article = await articleRecording.stop();

    const searchRecording = recorder(first.page);
    const box = first.page.getByRole('combobox').first();
    await pressAtCentre(first.page, box);
    await first.page.keyboard.type(words.search, { delay: 30 });
    await first.page.getByRole('option').first().waitFor();
    await first.page.waitForLoadState('networkidle');
    const firstSearch = await searchRecording.stop();

    // The chat, on a fresh page: open it, ask, wait for the answer.
    const second = await fresh();
    try {
      await second.page.goto(`${origin}${words.article}`);
      await second.page.waitForLoadState('networkidle');
      const cdp = await second.context.newCDPSession(second.page);
      if (cpuThrottling > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
      const widgetRecording = recorder(second.page);
      const modelArrived = second.page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/assistant-model/'), { timeout: 60_000 });
      await pressAtCentre(
        second.page,
        second.page.getByRole('link', { name: words.launcher, exact: true }).or(second.page.getByRole('button', { name: words.launcher, exact: true })),
      );
      const dialog = second.page.getByRole('dialog');
      await dialog.waitFor();
      await (await modelArrived).finished();
      const textbox = dialog.getByRole('textbox');
      await pressAtCentre(second.page, textbox);
      await second.page.keyboard.type(words.question);
      // The clock starts at the Enter key in the page and stops when the answer's title is in the log.
      await second.page.evaluate((title) => {
        const state = window as unknown as { wegwijsTiming?: { enter?: number; answer?: number } };
        state.wegwijsTiming = {};
        const timing = state.wegwijsTiming;
        document.addEventListener(
          'keydown',
          (event) => {
            if (event.key === 'Enter' && timing.enter === undefined) timing.enter = performance.now();
          },
          { capture: true },
        );
        const log = document.querySelector('[role=log]');
        if (!log) throw new Error('Wegwijs downloads: the chat has no log');
        new MutationObserver((_, observer) => {
          if (!log.textContent?.includes(title)) return;
          timing.answer = performance.now();
          observer.disconnect();
        }).observe(log, { subtree: true, childList: true, characterData: true });
      }, words.answerTitle);
      await second.page.keyboard.press('Enter');
      await second.page.waitForFunction(() => (window as unknown as { wegwijsTiming?: { answer?: number } }).wegwijsTiming?.answer !== undefined, undefined, {
        timeout: 30_000,
      });
      const timing = await second.page.evaluate(() => (window as unknown as { wegwijsTiming: { enter: number; answer: number } }).wegwijsTiming);
      await second.page.waitForLoadState('networkidle');
      const widget = await widgetRecording.stop();
      if (cpuThrottling > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      return { article, firstSearch, widget: { ...widget, answerMs: timing.answer - timing.enter, cpuThrottling } };
    } finally {
      await second.context.close();
    }
  } finally {
    await first.context.close();
  }
}

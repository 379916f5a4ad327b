/**
 * Vitest global setup: one headless Chromium for the whole run, shared by
 * every browser test file through `testBrowser()` (test/browser.ts). Each
 * test still opens browser contexts of its own, which share no cookies,
 * storage or cache; what is shared is the browser process, whose launch cost
 * each file 1–2 s of CPU (Chromium's start and Playwright's), 20-odd times a run.
 *
 * Launched on the first file's request, not here: a run without browser
 * tests starts no Chromium. A file asks a small HTTP endpoint on 127.0.0.1
 * (`inject('sharedChromium')`) for the browser's WebSocket address, and
 * connects to it; a browser that has died is launched again for the next file.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL that answers with the shared Chromium's WebSocket address, launching it first when needed. */
    sharedChromium: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const launch = () => chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const alive = (server: BrowserServer) => server.process().exitCode === null && server.process().signalCode === null;
  // Each request waits for the one before: two files asking at once get one browser, not two.
  let launched: Promise<BrowserServer> | undefined;
  const running = (): Promise<BrowserServer> => {
    const before = launched;
    launched = before ? before.then((server) => (alive(server) ? server : launch()), launch) : launch();
    return launched;
  };
  const endpoint = createServer((_request, response) => {
    running().then(
      (server) => response.end(server.wsEndpoint()),
      (error: unknown) => {
        response.statusCode = 500;
        response.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  project.provide('sharedChromium', `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`);
  return async () => {
    endpoint.close();
    await launched?.then(
      (server) => server.close(),
      () => {},
    );
  };
}

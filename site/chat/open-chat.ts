/**
 * Opening the chat from elsewhere on the page (the search page's "ask in the
 * chat" when nothing was found), without loading the widget's code into the
 * caller: it presses the launcher, as a person would.
 */

/**
 * The launcher's id (site/chat/Launcher.tsx, LAUNCHER_ID), written out, as site/directives/interaction.ts writes out
 * the widget's keys: shared by the widget and the search page, this module became a chunk of its own that the
 * widget downloaded too (215 B gzip measured). search.browser.test.ts fails if the two ids part.
 */
const LAUNCHER_ID = 'chat-launcher';

/**
 * Opens the chat, or, when it is open already, moves the focus into it
 * (the launcher toggles: a press would close it). Focus first: before the
 * widget's island runs, focus is what wakes it, and the press is then held
 * and replayed on the real button (site/directives/interaction.ts).
 * False when the page has no chat.
 */
export function openChat(): boolean {
  const launcher = document.getElementById(LAUNCHER_ID);
  if (!launcher) return false;
  if (launcher.getAttribute('aria-expanded') === 'true') {
    document.querySelector<HTMLElement>('[role="dialog"] input:not([type="file"]), [role="dialog"] textarea')?.focus();
    return true;
  }
  launcher.focus();
  launcher.click();
  return true;
}

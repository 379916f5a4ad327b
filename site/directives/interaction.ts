import type { ClientDirective } from 'astro';

/** Events that show the visitor is about to use the island. */
const TRIGGERS = ['focusin', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Hydrates the island on the first interaction with it. Typed text and focus
 * survive hydration (the island reads the DOM when it mounts). A click that
 * lands before the island's code has arrived is held back and replayed on
 * the same element afterwards, so the chat launcher (a link to the help home
 * without JavaScript) opens the chat instead of leaving the page.
 *
 * With the value "load" (the CSAT page behind the e-mail's link) the island
 * wakes at once, as `client:load` would, but a press that lands before it
 * has hydrated and run its effects is still held and replayed: with plain
 * `client:load` a customer's first press on a slow phone did nothing.
 *
 * With the value "idle" (the chat widget) the island also wakes when the
 * browser is idle after loading, but only when there is something to show
 * without the visitor asking: the widget was open on the previous page, or
 * the conversation is with the team (replies to notice, a hand-off to send).
 * Everyone else downloads nothing before they reach for the chat; until
 * then its launcher link already acts as a button (role, Space), and the
 * first press is replayed on the real button.
 *
 * A press that waits for the code is answered beside the chat's launcher
 * (its note, site/chat/Launcher.tsx): "Loading…" (on a slow connection the
 * code took 12 s, and nothing showed meanwhile), and, when it could not come
 * with the browser offline, "No connection.": the press is then not replayed
 * (the launcher's link led to the browser's offline page, and the page being
 * read was gone), and the next press tries again. At once, not after a delay:
 * a timer's bytes did not fit the article page's budget, and on a quick
 * connection the note shows for a moment only, under the opening chat.
 */
const interaction: ClientDirective = (load, options, el) => {
  let heldClick: HTMLElement | null = null;
  // The chat's launcher pressed before its code is in: what is typed until its message box has the focus goes into the box.
  let typing: { release: () => void } | null = null;
  // The launcher's note and what it says (site/chat/Launcher.tsx): every byte here is on every page, hence the terse code.
  const note = el.querySelector<HTMLElement>('.chat-notice');
  const say = (what: 'loading' | 'offline') => {
    if (note) note.textContent = note.dataset[what] as string;
  };
  const hold = (target: HTMLElement) => {
    heldClick = target;
    if (options.value !== 'idle') return;
    typing ??= holdTyping();
    say('loading');
  };
  let woken = false;
  /** Wakes the island at the first sign of use; again, with no press held, after its code could not come. */
  const arm = () => {
    woken = false;
    heldClick = null;
    for (const type of TRIGGERS) el.addEventListener(type, wake, { once: true, passive: true });
  };
  const holdClick = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('a, button');
    if (!target) return;
    event.preventDefault();
    hold(target);
  };
  const wake = async () => {
    if (woken) return;
    woken = true;
    for (const type of TRIGGERS) el.removeEventListener(type, wake);
    el.addEventListener('click', holdClick, true);
    try {
      const hydrate = await load();
      await hydrate();
      await afterEffects();
      // The code did not come: Astro hands over a hydrate that does nothing, and the island keeps its `ssr` mark.
      // Offline, the press is not followed (to the browser's error page); it is said, and the next press tries again.
      if (el.hasAttribute('ssr') && !navigator.onLine) {
        say('offline');
        arm();
        return;
      }
      // Hydration may have replaced the element (the chat launcher: a link becomes a button); replay on its successor by id.
      const target = heldClick?.isConnected ? heldClick : heldClick?.id ? document.getElementById(heldClick.id) : null;
      el.removeEventListener('click', holdClick, true);
      target?.click();
      if (typing) await afterEffects();
    } finally {
      el.removeEventListener('click', holdClick, true);
      // Also when the island's code could not load: keys are held no longer than the wait.
      typing?.release();
      typing = null;
    }
  };
  if (options.value === 'load') {
    void wake();
    return;
  }
  arm();
  if (options.value !== 'idle') return;
  if (chatWantsToWake()) {
    const idle = () => {
      if (el.isConnected) void wake();
    };
    if ('requestIdleCallback' in window) window.requestIdleCallback(idle, { timeout: 2000 });
    else setTimeout(idle, 200);
    return;
  }
  // Until the island runs, its link is announced and worked as a button: Space presses it, as on the real one.
  for (const link of el.querySelectorAll<HTMLAnchorElement>('a[data-launcher]')) {
    link.setAttribute('role', 'button');
    link.addEventListener('keydown', (event) => {
      if (event.key !== ' ') return;
      event.preventDefault();
      hold(link);
      void wake();
    });
  }
};

/**
 * Keys typed while the chat's code arrives, before it has put the focus in
 * its message box (a quick typist presses Enter on the launcher and types on,
 * 0.3 s and more on a slow phone): held, and typed into the text field that
 * gets the focus. Without it the first letters were lost and a space pressed
 * the launcher again. Keys typed into a text field pass as ever. The holding
 * ends when a field gets the focus, and at the latest 3 s after `release`
 * (the island has opened).
 */
function holdTyping(): { release: () => void } {
  let typed = '';
  const isField = (target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement =>
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  const hold = (event: KeyboardEvent) => {
    if (isField(event.target) || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    typed += event.key;
  };
  const give = (field: EventTarget | null) => {
    document.removeEventListener('keydown', hold, true);
    document.removeEventListener('focusin', onFocus, true);
    if (!typed || !isField(field)) return;
    field.value += typed;
    typed = '';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const onFocus = (event: FocusEvent) => {
    if (isField(event.target)) give(event.target);
  };
  document.addEventListener('keydown', hold, true);
  document.addEventListener('focusin', onFocus, true);
  // Released with the focus still outside a field (the chat's styles may still be on their way): held a little longer.
  return { release: () => (isField(document.activeElement) ? give(document.activeElement) : setTimeout(give, 3000, null)) };
}

/**
 * Resolves once the island's effects after hydration have run. Preact runs
 * `useEffect` after the next frame (React before returning from hydration),
 * and an effect that restores saved state (the article feedback given on an
 * earlier visit) must not run after the replayed click and overwrite its
 * outcome. Preact's own schedule: a timeout after the animation frame, or
 * after 100 ms when no frame comes (a background tab); ours is queued behind it.
 */
function afterEffects(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      cancelAnimationFrame(frame);
      setTimeout(resolve);
    };
    const fallback = setTimeout(done, 100);
    const frame = requestAnimationFrame(done);
  });
}

/**
 * Whether the chat has something to show on this page without being asked:
 * the visitor came from the link in an e-mail (`#gesprek=…`, site/chat/link.ts),
 * it was open on the previous page of this tab (site/chat/ChatWidget.tsx,
 * OPEN_KEY) or on this page when a link in it was followed (OPEN_ON_BACK),
 * or the conversation is with the team (site/chat/conversation.ts: a
 * hand-off, or a ticket kept over a start-over). Storage that cannot be
 * read counts as yes: better a download than a missed reply.
 */
function chatWantsToWake(): boolean {
  // The globals without `window.`: this code is on every page, and the article page's byte budget is tight.
  if (location.hash.startsWith('#gesprek=')) return true;
  // Back to the page a link in the full-screen chat left (site/chat/ChatWidget.tsx, OPEN_ON_BACK).
  if ((history.state as { wegwijsChatOpen?: boolean } | null)?.wegwijsChatOpen === true) return true;
  try {
    if (sessionStorage.getItem('wegwijs.chat.open') === '1') return true;
    const chat = JSON.parse(localStorage.getItem('wegwijs.chat') ?? 'null') as { handoff?: unknown; earlierTicket?: unknown } | null;
    return Boolean(chat?.handoff || chat?.earlierTicket);
  } catch {
    return true;
  }
}

export default interaction;

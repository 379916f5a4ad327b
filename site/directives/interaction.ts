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
 * With the value "idle" the island also wakes when the browser is idle
 * after loading, without waiting for the visitor.
 */
const interaction: ClientDirective = (load, options, el) => {
  let heldClick: HTMLElement | null = null;
  const holdClick = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('a, button');
    if (!target) return;
    event.preventDefault();
    heldClick = target;
  };
  let woken = false;
  const wake = async () => {
    if (woken) return;
    woken = true;
    for (const type of TRIGGERS) el.removeEventListener(type, wake);
    el.addEventListener('click', holdClick, true);
    try {
      const hydrate = await load();
      await hydrate();
    } finally {
      el.removeEventListener('click', holdClick, true);
    }
    // Hydration may have replaced the element (the chat launcher: a link becomes a button); replay on its successor by id.
    const target = heldClick?.isConnected ? heldClick : heldClick?.id ? document.getElementById(heldClick.id) : null;
    target?.click();
  };
  for (const type of TRIGGERS) el.addEventListener(type, wake, { once: true, passive: true });
  // `client:interaction="idle"`: also wake once the browser is idle after loading (the chat widget).
  if (options.value === 'idle') {
    const idle = () => {
      if (el.isConnected) void wake();
    };
    if ('requestIdleCallback' in window) window.requestIdleCallback(idle, { timeout: 2000 });
    else setTimeout(idle, 200);
  }
};

export default interaction;

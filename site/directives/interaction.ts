import type { ClientDirective } from 'astro';

/** Events that show the visitor is about to use the island. */
const TRIGGERS = ['focusin', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Hydrates the island on the first interaction with it. Typed text and focus
 * survive hydration (the island reads the DOM when it mounts). A click that
 * lands before the island's code has arrived is held back and replayed on
 * the same element afterwards, so the chat launcher (a link to the help home
 * without JavaScript) opens the chat instead of leaving the page.
 */
const interaction: ClientDirective = (load, _options, el) => {
  let heldClick: HTMLElement | null = null;
  const holdClick = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('a, button');
    if (!target) return;
    event.preventDefault();
    heldClick = target;
  };
  const wake = async () => {
    for (const type of TRIGGERS) el.removeEventListener(type, wake);
    el.addEventListener('click', holdClick, true);
    try {
      const hydrate = await load();
      await hydrate();
    } finally {
      el.removeEventListener('click', holdClick, true);
    }
    heldClick?.click();
  };
  for (const type of TRIGGERS) el.addEventListener(type, wake, { once: true, passive: true });
};

export default interaction;

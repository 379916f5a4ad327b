import type { ClientDirective } from 'astro';

/** Events that show the visitor is about to use the island. */
const TRIGGERS = ['focusin', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Hydrates the island on the first interaction with it. The event that woke
 * it is not replayed: the island reads the DOM state (typed text, focus) when
 * it mounts, which is all a search box or a launcher button needs.
 */
const interaction: ClientDirective = (load, _options, el) => {
  const wake = async () => {
    for (const type of TRIGGERS) el.removeEventListener(type, wake);
    const hydrate = await load();
    await hydrate();
  };
  for (const type of TRIGGERS) el.addEventListener(type, wake, { once: true, passive: true });
};

export default interaction;

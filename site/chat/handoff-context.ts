/**
 * Where the customer is when they hand off, for the agent's customer panel
 * and for routing: the page's path (no query or fragment, which can carry
 * personal data), the article of that page, and a device class from the
 * viewport. Read only when the hand-off is sent: nothing of it leaves the
 * browser before the customer asks for a person.
 */

/** Device classes the API accepts (api/db/tables/tickets.ts DEVICE_CLASSES). */
export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** What the hand-off's `context` carries. */
export interface HandoffContext {
  page?: string;
  articleId?: string;
  device: DeviceClass;
}

/**
 * The device class of a viewport `width` px wide, `coarse` when its main
 * pointer is a finger: phones below 768 px, touch screens below 1280 px are
 * tablets, the rest desktops.
 */
export function deviceClassOf(width: number, coarse: boolean): DeviceClass {
  if (width < 768) return 'mobile';
  return coarse && width < 1280 ? 'tablet' : 'desktop';
}

/** The context of the page this widget is on. */
export function handoffContext(): HandoffContext {
  const path = window.location.pathname;
  const articleId = document.querySelector('article[data-article]')?.getAttribute('data-article') ?? undefined;
  return {
    ...(path.length <= 300 && !/\s/.test(path) ? { page: path } : {}),
    ...(articleId ? { articleId } : {}),
    device: deviceClassOf(window.innerWidth, window.matchMedia('(pointer: coarse)').matches),
  };
}

/**
 * Inline SVG icons (24×24, stroke) for categories and the interface. Inline,
 * because an icon font or sprite would cost a request on the first page view.
 */
export const ICONS: Record<string, string> = {
  cart: 'M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2M9 20h.01M17 20h.01',
  truck: 'M3 6h11v10H3zM14 10h4l3 3v3h-7M7 19a2 2 0 1 0 0-.01M17 19a2 2 0 1 0 0-.01',
  return: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  card: 'M3 6h18v12H3zM3 10h18M7 15h3',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20a8 8 0 0 1 16 0',
  shield: 'M12 3 5 6v6c0 4 3 7 7 9 4-2 7-5 7-9V6zM9 12l2 2 4-4',
  gift: 'M4 10h16v10H4zM3 7h18v3H3zM12 7v13M12 7C10 3 7 4 8 7M12 7c2-4 5-3 4 0',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  chat: 'M4 5h16v11H9l-5 4z',
};

/** The path data of an icon, or of a neutral dot when the name is unknown. */
export function iconPath(name: string): string {
  return ICONS[name] ?? 'M12 12h.01';
}

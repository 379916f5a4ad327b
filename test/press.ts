/**
 * Pressing a control as a person does, for browser tests: it must be
 * visible inside the viewport (and inside `within`, a dialog or panel),
 * nothing may lie on top of its centre, and it is pressed there — tapped on
 * a touch screen, clicked with the mouse otherwise.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Checks where `target` is, then presses its centre. */
export async function pressCentre(page: Page, target: Locator, within?: Locator): Promise<void> {
  await target.waitFor({ state: 'visible' });
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) throw new Error('pressCentre: no box or viewport');
  const inside = (outer: { x: number; y: number; width: number; height: number }, what: string) => {
    expect(box.x, `left edge inside ${what}`).toBeGreaterThanOrEqual(outer.x - 0.5);
    expect(box.y, `top edge inside ${what}`).toBeGreaterThanOrEqual(outer.y - 0.5);
    expect(box.x + box.width, `right edge inside ${what}`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    expect(box.y + box.height, `bottom edge inside ${what}`).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  };
  inside({ x: 0, y: 0, width: view.width, height: view.height }, 'the viewport');
  if (within) {
    const outer = await within.boundingBox();
    if (!outer) throw new Error('pressCentre: no container box');
    inside(outer, 'its container');
  }
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const topmost = await target.evaluate((el, [px, py]) => {
    const top = document.elementFromPoint(px ?? 0, py ?? 0);
    return top === el || el.contains(top) || (el instanceof HTMLInputElement && top instanceof HTMLLabelElement && top.control === el);
  }, [x, y]);
  expect(topmost, 'nothing lies on top of its centre').toBe(true);
  if (await page.evaluate(() => matchMedia('(pointer: coarse)').matches)) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

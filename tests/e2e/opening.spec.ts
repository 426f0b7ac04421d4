import { test, expect, Page } from '@playwright/test';
import { AppFrame } from './pages/app';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// With a long log, opening decodes only the blocks Today needs (the head's "opening",
// src/store/layout.rs) and the rest after the first paint. What the athlete sees must not
// depend on it: the first Today shown is the one the whole log gives.

const KEY = 'recovery-run';

/** About four years of a triathlete's log (examples/ten_years.rs), ending today, as the
 *  one text the app reads as it is and lays out in blocks. */
const LOG = execFileSync('cargo', ['run', '--quiet', '--example', 'ten_years', '--', '--days', '1500'], {
  cwd: path.join(__dirname, '../..'),
  encoding: 'utf8',
  maxBuffer: 64 << 20,
  stdio: ['ignore', 'pipe', 'ignore'],
});

// The log ends today; the page's clock is held at noon of today, so that the advice (which
// counts a session later today as not done yet) is the same on every load.
test.beforeEach(async ({ page }) => {
  const d = new Date();
  await page.clock.setFixedTime(new Date(d.getFullYear(), d.getMonth(), d.getDate(), 12, 0));
});

/** Records Today as first shown: the advice card and the tiles, the moment both exist. */
function recordFirstToday() {
  const obs = new MutationObserver(() => {
    const advice = document.querySelector('[data-testid="advice"]');
    const tiles = document.querySelector('.tiles');
    if (!(window as any).__first && advice && tiles) {
      (window as any).__first = { advice: advice.outerHTML, tiles: tiles.textContent };
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true });
}

async function firstToday(page: Page): Promise<{ advice: string; tiles: string }> {
  await page.waitForFunction(() => (window as any).__first, null, { timeout: 15_000 });
  return page.evaluate(() => (window as any).__first);
}

type Head = { blocks: { sessions: string[] }; opening?: { blocks: number[] } };

/** Seeds about four years as one version-1 text and waits for the app to lay it out in
 *  blocks (its first idle moment after opening), which writes a head with an opening. */
async function seedLongLog(page: Page): Promise<Head> {
  const app = new AppFrame(page);
  await app.seedStorage(LOG);
  await app.open();
  await page.waitForFunction((k) => localStorage.getItem(k)!.includes('"opening"'), KEY, { timeout: 20_000 });
  return JSON.parse((await app.storedRaw())!);
}

test('a long log opens on its recent blocks, and Today is what the whole log gives', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript(recordFirstToday);
  const head = await seedLongLog(page);
  const blocks = head.blocks.sessions.length;
  expect(blocks).toBeGreaterThan(2);
  expect(head.opening!.blocks.length).toBeLessThan(blocks);

  // Opened on the recent blocks.
  await page.reload();
  const recent = await firstToday(page);
  expect(recent.tiles).toMatch(/Fitness \(CTL\)\d+/);

  // Opened on every block: an older version's head, without the opening.
  await page.evaluate((k) => {
    const h = JSON.parse(localStorage.getItem(k)!);
    delete h.opening;
    localStorage.setItem(k, JSON.stringify(h));
  }, KEY);
  await page.reload();
  expect(await firstToday(page)).toEqual(recent);

  // And the rest of the log is there: every session, and Today unchanged once it is.
  await page.reload();
  await firstToday(page);
  const app = new AppFrame(page);
  await app.link('Data').click();
  const sessions = JSON.parse(LOG).data.sessions.length;
  await expect(page.getByText(`${sessions} sessions and`)).toBeVisible();
  await app.link('Today').click();
  await expect(page.getByTestId('advice')).toHaveJSProperty('outerHTML', recent.advice);
  await expect(page.locator('.tiles')).toHaveText(recent.tiles);
});

test('a damaged block the opening does not need is still reported, and kept', async ({ page }) => {
  test.setTimeout(60_000);
  const head = await seedLongLog(page);
  const oldKey = head.blocks.sessions.find((_, i) => !head.opening!.blocks.includes(i))!;
  const damaged = '[["s1","2022-0';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [oldKey, damaged]);
  await page.reload();
  const app = new AppFrame(page);
  await expect(app.alert()).toContainText('kept exactly as it was');
  expect(await page.evaluate((k) => localStorage.getItem(k), oldKey)).toBe(damaged);
});

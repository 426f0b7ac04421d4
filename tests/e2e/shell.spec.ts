import { test, expect } from '@playwright/test';
import { AppFrame } from './pages/app';
import { DataPage } from './pages/data';

test('every page has its link, its address, and survives a reload', async ({ page }) => {
  const app = new AppFrame(page);
  await app.open();
  await expect(app.heading()).toHaveText('Today');
  for (const name of ['Log', 'Chart', 'Data', 'Settings', 'Today'] as const) {
    await app.link(name).click();
    await expect(app.heading()).toHaveText(name);
    await expect(app.link(name)).toHaveAttribute('aria-current', 'page');
    await page.reload();
    await expect(app.heading()).toHaveText(name);
  }
});

test('the back button walks the pages', async ({ page }) => {
  const app = new AppFrame(page);
  await app.open();
  await app.link('Log').click();
  await app.link('Chart').click();
  await expect(app.heading()).toHaveText('Chart');
  await page.goBack();
  await expect(app.heading()).toHaveText('Log');
  await page.goBack();
  await expect(app.heading()).toHaveText('Today');
});

test('no horizontal scrolling at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const app = new AppFrame(page);
  for (const path of ['#/', '#/log', '#/chart', '#/data', '#/settings']) {
    await app.open(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});

// Issue #30: with threshold sets present, the sets' table made Settings 532 px wide at 320
// and 390 px, and the tab bar went off-screen. Every page, with a log and two sets.
test('no horizontal scrolling at 320 and 390 px with a log and threshold sets', async ({ page }) => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/demo-backup.json'), 'utf8'));
  demo.version = 2;
  demo.profile.thresholds = [
    { since: '2025-01-01', lthr_bpm: 165, max_hr_bpm: 190, resting_hr_bpm: 50, threshold_pace_s_per_km: 270, ftp_w: 220, css_s_per_100m: 100 },
    { since: '2025-09-01', lthr_bpm: 168, threshold_pace_s_per_km: 255 },
  ];
  const app = new AppFrame(page);
  await app.open();
  const data = new DataPage(page);
  await data.importText('demo-backup.json', JSON.stringify(demo), 'application/json');
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 700 });
    for (const p of ['#/', '#/log', '#/chart', '#/data', '#/settings']) {
      await app.open(p);
      if (p === '#/settings') await expect(page.getByTestId('threshold-sets').locator('tbody tr')).toHaveCount(2);
      // Every element's right edge, except inside a box that scrolls or clips on its own
      // (the chart's table scrolls within its card; the page does not).
      const widest = await page.evaluate(() => {
        const clipped = (e: Element) => {
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
          }
          return false;
        };
        const rights = [...document.querySelectorAll('main *, nav *')]
          .filter((e) => !clipped(e) && (e as HTMLElement).offsetParent !== null)
          .map((e) => e.getBoundingClientRect().right);
        return Math.max(document.documentElement.scrollWidth, ...rights);
      });
      expect(widest, `wider than ${width} px on ${p}`).toBeLessThanOrEqual(width + 0.5);
      // The tab bar stays on screen, so "Log" can be tapped.
      const log = await app.link('Log').boundingBox();
      expect(log && log.x + log.width <= width + 0.5, `Log link on screen at ${width} px on ${p}`).toBe(true);
    }
  }
});

test('dark theme follows the system setting', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await new AppFrame(page).open();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 24, 28)');
  await context.close();
});

test('the release build refers to its files by relative paths only', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const refs = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(0);
  for (const r of refs) expect(r, r).not.toMatch(/^\/|^https?:/);
});

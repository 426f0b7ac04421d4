import { test, expect } from '@playwright/test';
import { AppFrame } from './pages/app';

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

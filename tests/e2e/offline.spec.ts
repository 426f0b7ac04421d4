import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppFrame } from './pages/app';
import { LogPage } from './pages/log';

const SUB = () => process.env.E2E_SUB_URL!;
const SUB_DIR = () => process.env.E2E_SUB_DIR!;

async function controlled(page) {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15_000 });
}

test('after one visit, the app opens and works offline from a sub-folder', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(SUB());
  const app = new AppFrame(page);
  await expect(app.heading()).toHaveText('Today');
  await controlled(page);

  const log = new LogPage(page);
  await log.goto();
  await log.add({ Title: 'Before the trailhead', Duration: '45:00' });
  await expect(log.entry('Before the trailhead')).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(app.heading()).toHaveText('Log');
  await expect(log.entry('Before the trailhead')).toBeVisible();
  for (const name of ['Today', 'Chart', 'Data', 'Settings'] as const) {
    await app.link(name).click();
    await expect(app.heading()).toHaveText(name);
  }
  await log.goto();
  await log.add({ Title: 'At the trailhead', Duration: '25:00' });
  await page.reload();
  await expect(log.entry('At the trailhead')).toBeVisible();
  await expect(log.entry('Before the trailhead')).toBeVisible();
  expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  await context.close();
});

test('a second build is fetched in the background and offered as a reload', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SUB());
  await controlled(page);
  const swPath = path.join(SUB_DIR(), 'sw.js');
  const original = fs.readFileSync(swPath, 'utf8');
  const oldBuild = /const BUILD = "([^"]+)"/.exec(original)![1];
  try {
    // A new deployment: the service worker (and so its build id and cache) changed.
    fs.writeFileSync(swPath, original.replace(`const BUILD = "${oldBuild}"`, 'const BUILD = "second-build"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const offer = page.getByRole('status').filter({ hasText: 'A new version of Recovery Run is ready.' });
    await expect(offer).toBeVisible({ timeout: 15_000 });
    // Until the athlete accepts, the old build keeps serving.
    expect(await page.evaluate(async () => (await caches.keys()).sort())).toContain(`recovery-run-${oldBuild}`);
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload to update' }).click()]);
    await expect(new AppFrame(page).heading()).toBeVisible();
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).sort())).toEqual(['recovery-run-second-build']);
  } finally {
    fs.writeFileSync(swPath, original);
    await context.close();
  }
});

test('the manifest makes the app installable', async ({ request }) => {
  const res = await request.get(`${SUB()}manifest.webmanifest`);
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m.name).toBe('Recovery Run');
  expect(m.short_name).toBeTruthy();
  expect(m.description).toBeTruthy();
  expect(m.display).toBe('standalone');
  expect(m.start_url).toBe('./');
  expect(m.scope).toBe('./');
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = new Set<string>();
  for (const icon of m.icons) {
    const png = await (await request.get(`${SUB()}${icon.src}`)).body();
    // PNG width and height are big-endian at bytes 16 and 20 of the IHDR chunk.
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(`${w}x${h}`).toBe(icon.sizes);
    sizes.add(`${icon.sizes} ${icon.purpose}`);
  }
  expect(sizes).toEqual(new Set(['192x192 any', '512x512 any', '512x512 maskable']));
});

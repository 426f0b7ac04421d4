import { test, expect } from '@playwright/test';
import { AppFrame } from './pages/app';

// The release build keeps every page but Today out of the first download (src/ui/split.rs,
// scripts/split_wasm.py): a page's code is a wasm chunk fetched when first needed.

// Without a service worker: page.route does not see what the worker fetches, and once it
// has precached the chunks (it installs a few seconds after the first screen) it serves
// them itself, so a blocked chunk would still arrive whenever the worker won that race (it
// did in a CI run).
test.use({ serviceWorkers: 'block' });

test('a page whose code cannot be fetched says so, keeps the frame, and opens once it can', async ({ page }) => {
  const app = new AppFrame(page);
  const blocked = '**/split-*/split_pages_chunk.wasm';
  await page.route(blocked, (route) => route.abort('internetdisconnected'));
  await app.open('#/log');
  await expect(app.heading()).toHaveText('Log');
  await expect(app.alert()).toContainText('Log could not be loaded');
  // The rest of the app still works.
  await app.link('Chart').click();
  await expect(app.heading()).toHaveText('Chart');

  await page.unroute(blocked);
  await app.link('Log').click();
  await expect(app.heading()).toHaveText('Log');
  await expect(app.alert()).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add session' })).toBeVisible();
});

test('the first page needs none of the chunks: Today works with every chunk blocked', async ({ page }) => {
  const app = new AppFrame(page);
  await page.route('**/split-*/*.wasm', (route) => route.abort('internetdisconnected'));
  await app.open();
  await expect(app.heading()).toHaveText('Today');
  await expect(page.getByText('Nothing logged yet')).toBeVisible();
  // The check-in is split off too; without its code it says so instead of failing silently.
  await expect(app.alert()).toContainText('The check-in could not be loaded');
});

test('storage the first download cannot read waits for the chunk that can; Today does not', async ({ page }) => {
  const app = new AppFrame(page);
  // Not as the app writes it: the first download's typed reader leaves it to the tolerant
  // reader, which is in the storage tools' chunk (src/ui/split.rs).
  const damaged = '{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-0';
  await app.seedStorage(damaged);
  await page.route('**/split-*/*.wasm', (route) => route.abort('internetdisconnected'));
  await app.open();
  await expect(app.heading()).toHaveText('Today');
  await expect(page.locator('#app').getByText('Nothing logged yet, so nothing to recover from')).toBeVisible();
  await expect(app.alert().filter({ hasText: 'the part of the app that reads it could not be loaded' })).toBeVisible();
  // Nothing to download or start afresh from until it is read.
  await expect(page.getByRole('button', { name: 'Download stored data' })).toHaveCount(0);
  expect(await app.storedRaw()).toBe(damaged);
});

import { test, expect } from '@playwright/test';
import { AppFrame } from './pages/app';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';

const csvHeader = 'id,date,start_time,sport,intent,title,duration_s,distance_m,avg_hr_bpm,avg_power_w,normalized_power_w,rpe,tss,tss_method,notes';

test('truncated storage is reported, offered as a download, and never overwritten', async ({ page }) => {
  const app = new AppFrame(page);
  const damaged = '{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-0';
  await app.seedStorage(damaged);
  await app.open();
  await expect(app.alert()).toContainText('kept exactly as it was');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download stored data' }).click()]);
  const fs = await import('node:fs');
  expect(fs.readFileSync((await dl.path())!, 'utf8')).toBe(damaged);

  // Trying to log a session does not write over the damaged text.
  const log = new LogPage(page);
  await log.goto();
  await log.add({ Duration: '30:00' });
  await expect(app.alert().last()).toContainText('Not saved');
  expect(await app.storedRaw()).toBe(damaged);
  await page.reload();
  expect(await app.storedRaw()).toBe(damaged);
});

test('data from a newer version is refused with a message, and kept', async ({ page }) => {
  const app = new AppFrame(page);
  const newer = JSON.stringify({ schema: 99, data: {} });
  await app.seedStorage(newer);
  await app.open();
  await expect(app.alert()).toContainText(/newer/i);
  expect(await app.storedRaw()).toBe(newer);
});

test('a full storage changes nothing and says what to do', async ({ page }) => {
  const app = new AppFrame(page);
  await app.open();
  const log = new LogPage(page);
  await log.goto();
  await log.add({ Title: 'First', Duration: '30:00' });
  await expect(log.entry('First')).toBeVisible();
  const before = await app.storedKeys();
  // Make every further write throw the way a full localStorage does.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await log.add({ Title: 'Second', Duration: '40:00' });
  await expect(app.alert()).toContainText('full');
  expect(await app.storedKeys()).toEqual(before);
  await expect(log.entry('Second')).toHaveCount(0);
});

test('two tabs: a save in one never erases what the other saved', async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await new AppFrame(one).open('#/log');
  await new AppFrame(two).open('#/log');
  const logOne = new LogPage(one);
  const logTwo = new LogPage(two);
  await logOne.add({ Title: 'From tab one', Duration: '30:00' });
  // Tab two learns of it through the storage event…
  await expect(logTwo.entry('From tab one')).toBeVisible();
  await logTwo.add({ Title: 'From tab two', Duration: '45:00' });
  // …and both entries survive in both tabs.
  await expect(logOne.entry('From tab two')).toBeVisible();
  await one.reload();
  await expect(logOne.entry('From tab one')).toBeVisible();
  await expect(logOne.entry('From tab two')).toBeVisible();
});

test('bad CSV rows are named by line and the good rows import', async ({ page }) => {
  const data = new DataPage(page);
  await data.open();
  const csv = [
    csvHeader,
    'a,2026-03-01,07:00,run,easy,Good one,1800,5000,140,,,3,,,',
    'b,2026-02-30,07:00,run,easy,Bad date,1800,5000,140,,,3,,,',
    'c,2026-03-02,07:00,skating,easy,Bad sport,1800,,,,,,,,',
    'd,2026-03-03,07:00,run,easy,Bad HR,1800,5000,400,,,,,,',
    'e,2026-03-04,07:00,ride,easy,Good two,3600,,,,180,,,,',
  ].join('\n');
  const report = await data.importText('sessions.csv', csv, 'text/csv');
  expect(report).toMatch(/2 added/);
  expect(report).toMatch(/line 3/);
  expect(report).toMatch(/line 4/);
  expect(report).toMatch(/line 5/);
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries()).toHaveCount(2);
});

test('a backup from a newer version and junk bytes are refused whole', async ({ page }) => {
  const data = new DataPage(page);
  await data.open();
  const future = JSON.stringify({ format: 'recovery-run-backup', version: 42, sessions: [] });
  expect(await data.importText('future.json', future, 'application/json')).toMatch(/newer/i);
  const junk = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x81, 0x00, 0x42]);
  expect(await data.importText('junk.bin', junk)).toMatch(/nothing imported/i);
  expect(await new AppFrame(page).storedRaw()).toBeNull();
});

test('markup in titles and notes is shown as text', async ({ page }) => {
  const data = new DataPage(page);
  await data.open();
  const csv = [csvHeader, 'x,2026-03-01,07:00,run,easy,<img src=x onerror="window.pwned=1">,1800,,,,,,,,<b>bold</b>'].join('\n');
  await data.importText('markup.csv', csv, 'text/csv');
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries().first()).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(log.entries().first()).toContainText('<b>bold</b>');
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  await expect(page.locator('ul.sessions img, ul.sessions b')).toHaveCount(0);
});

// Issue #30: "Delete everything" crashed the wasm (a signal read inside the database's
// closure) and deleted nothing. It must delete every key the app owns (the data and
// Today's snapshot), nothing else, and leave an empty app that works.
test('Delete everything deletes every key of ours, keeps others, and the app goes on', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppFrame(page);
  await app.open();
  await page.evaluate(() => localStorage.setItem('another-app', 'theirs'));
  const log = new LogPage(page);
  await log.goto();
  await log.add({ Title: 'Before', Duration: '30:00' });
  await expect(log.entry('Before')).toBeVisible();
  await app.link('Today').click();
  await expect(page.getByTestId('advice')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('recovery-run')).length)).toBeGreaterThan(1);

  const data = new DataPage(page);
  await data.goto();
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByRole('button', { name: 'Delete all data…' })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('recovery-run')))).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('another-app'))).toBe('theirs');
  await expect(page.getByText(/^0 sessions and 0 check-ins/)).toBeVisible();

  // The app still works: the Log is empty, and a new session saves and survives a reload.
  await log.goto();
  await expect(log.entries()).toHaveCount(0);
  await log.add({ Title: 'After', Duration: '20:00' });
  await expect(log.entry('After')).toBeVisible();
  await page.reload();
  await log.goto();
  await expect(log.entry('After')).toBeVisible();
  await expect(log.entry('Before')).toHaveCount(0);
  expect(errors).toEqual([]);
});

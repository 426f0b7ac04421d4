import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';

// Activity files written by Garmin's FIT SDK encoder and by hand
// (scripts/make_fit_fixtures.mjs, tests/fixtures/activity/).
const fixtures = path.join(__dirname, '../fixtures/activity');
const file = (name: string, as = name) => ({
  name: as,
  mimeType: 'application/octet-stream',
  buffer: fs.readFileSync(path.join(fixtures, name)),
});

test('several watch files at once: good ones import, bad ones say why, duplicates are skipped', async ({ page }) => {
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  // A backup with thresholds comes in the same batch: it is read first, so the
  // activities are scored with them.
  const profile = JSON.stringify({
    format: 'recovery-run-backup', version: 1,
    profile: { lthr_bpm: 165, ftp_w: 250, threshold_pace_s_per_km: 270 }, sessions: [],
  });
  await data.importInput().setInputFiles([
    { name: 'profile.json', mimeType: 'application/json', buffer: Buffer.from(profile) },
    file('ride_power_hr.fit'),
    file('run_hilly.fit'),
    file('run.tcx'),
    file('ride.gpx'),
    file('bad_crc.fit'),
    file('truncated.fit'),
    file('route_without_times.gpx'),
    file('ride_power_hr.fit', 'ride-copy.fit'),
  ]);
  const report = page.locator('.import-report');
  // The batch's summary, then a line per file.
  await expect(report.locator('li')).toHaveCount(11);
  const [summary, backup, ...lines] = await report.locator('li').allTextContents();
  // The files not read are counted once (issue #17: "3 not" beside "1 file could not be read").
  expect(summary).toBe('9 files: 7 read, 2 not. Activities: 5 activities added, 1 already in the log.');
  // Seven of nine imported: a report listing the failures, not an error.
  await expect(report.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'partial');
  await expect(report.locator('.notice')).toHaveCount(0);
  expect(backup).toMatch(/^profile\.json: .*Profile updated/);
  expect(lines[0]).toMatch(/^ride_power_hr\.fit: added, TSS \d+ \(power\)$/);
  expect(lines[1]).toMatch(/^run_hilly\.fit: added, TSS \d+ \(pace\)$/);
  expect(lines[2]).toMatch(/^run\.tcx: added, TSS \d+/);
  expect(lines[3]).toMatch(/^ride\.gpx: added/);
  expect(lines[4]).toMatch(/^bad_crc\.fit: not imported: .*check/i);
  // A file cut short imports what was recorded before the cut, and says so (issue #16).
  expect(lines[5]).toMatch(/^truncated\.fit: added, TSS \d+ \(power\)$/);
  expect(lines[6]).toBe('truncated.fit: the file is cut short: the 30 min recorded before that are imported.');
  expect(lines[7]).toMatch(/^route_without_times\.gpx: not imported: .*time/i);
  expect(lines[8]).toBe('ride-copy.fit: the same activity as ride_power_hr.fit, not added again');

  // The same file again, dropped on the page this time: recognised, not added again.
  const bytes = fs.readFileSync(path.join(fixtures, 'ride_power_hr.fit')).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([raw], 'ride_power_hr.fit'));
    return dt;
  }, bytes);
  await page.dispatchEvent('section.page', 'drop', { dataTransfer });
  await expect(report.locator('li')).toHaveCount(1);
  await expect(report.locator('li')).toHaveText('ride_power_hr.fit: already in the log, not added again');

  // Four sessions in the log, survived a reload.
  await page.reload();
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries()).toHaveCount(5);
  await expect(log.entries().filter({ hasText: 'ride_power_hr' })).toHaveCount(1);
});

test('a batch where nothing could be read is an error, and its counts agree', async ({ page }) => {
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles([
    file('bad_crc.fit'),
    { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\n1,2\n') },
    file('route_without_times.gpx'),
  ]);
  const report = page.locator('.import-report');
  await expect(report.locator('li').first()).toHaveText(/^3 files: 0 read, 3 not\./);
  await expect(report.locator('li').first()).not.toContainText('could not be read');
  await expect(report.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'failed');
  await expect(report.locator('.notice')).toHaveCount(1);
});

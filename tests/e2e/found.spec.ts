import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';
import { SettingsPage } from './pages/settings';
import { TodayPage } from './pages/today';

// Issue #31: thresholds from the runner's own files. A new runner skips Settings, imports a
// real Garmin run whose file carries the watch's own settings (corpus
// sportslib_runs_6860622783.fit: zones_target LTHR 163, max HR 185, FTP 291 W; user_profile
// resting HR 46 — decoded independently with fitdecode and Garmin's SDK, see
// tests/thresholds_from_files.rs), and is offered exactly those, with one tap to use them.
const corpus = process.env.RECOVERY_RUN_CORPUS ?? path.join(__dirname, '../../../shared/corpus');
const run = fs.readFileSync(path.join(corpus, 'fit/sportslib_runs_6860622783.fit'));

test.use({ timezoneId: 'Europe/Berlin' });

test('a watch file offers its own thresholds, and "Use these thresholds" scores the run', async ({ page }) => {
  // The day after the run: its session is in the advice's 28 days.
  await page.clock.setFixedTime(new Date('2020-02-03T09:00:00'));
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles({ name: 'run.fit', mimeType: 'application/octet-stream', buffer: run });
  const report = page.locator('.import-report');
  await expect(report).toContainText('added, without a TSS');
  await expect(report).toContainText('Found in your files: LTHR 163 bpm, max HR 185 bpm, resting HR 46 bpm');
  await expect(report).toContainText('FTP 291 W');

  // Today says the run is not counted, and Start here points to the suggestion.
  const today = new TodayPage(page);
  await today.link('Today').click();
  await expect(page.getByTestId('uncounted')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('first-steps')).toContainText('Use the thresholds your files suggest');
  await expect(today.advice()).toHaveAttribute('data-kind', 'train');
  await expect(page.getByText(/leaves out 1 session of the last 28 days/).first()).toBeAttached();
  await page.getByRole('link', { name: 'Use the thresholds your files suggest' }).click();

  const settings = new SettingsPage(page);
  await expect(settings.heading()).toHaveText('Settings');
  const s = page.getByTestId('threshold-suggestion');
  await expect(s).toHaveAttribute('data-lthr-bpm', '163');
  await expect(s).toHaveAttribute('data-max-hr-bpm', '185');
  await expect(s).toHaveAttribute('data-resting-hr-bpm', '46');
  await expect(s).toHaveAttribute('data-ftp-w', '291');
  await expect(s).toContainText("your watch's setting (a file of 2020-02-02)");
  // A first set applies to every day, and the page says so.
  await expect(settings.field('A change is')).toHaveValue('fix');
  await expect(page.getByTestId('change-note')).toHaveText('Every session, past and future, is scored with these values.');

  await s.getByRole('button', { name: 'Use these thresholds' }).click();
  await expect(settings.preview()).toHaveAttribute('data-changed', '1');
  await settings.button('Apply').click();
  await expect(settings.field('Threshold heart rate, LTHR (bpm)')).toHaveValue('163');
  await expect(settings.field('Max heart rate (bpm)')).toHaveValue('185');
  await expect(settings.field('Resting heart rate (bpm)')).toHaveValue('46');
  await expect(settings.field('Cycling FTP (W)')).toHaveValue('291');

  // The run now has its TSS, and Today counts it.
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries().first()).toContainText(/\d+ TSS · /);
  await expect(log.entries().first()).not.toContainText('TSS unknown');
  await today.link('Today').click();
  await expect(page.getByTestId('uncounted')).toHaveCount(0);
  await expect(page.getByTestId('first-steps')).toHaveCount(0);
});

test('thresholds typed into a fresh profile score its whole history, in one preview', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2020-02-03T09:00:00'));
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles({ name: 'run.fit', mimeType: 'application/octet-stream', buffer: run });
  await expect(page.locator('.import-report')).toContainText('added, without a TSS');
  const settings = new SettingsPage(page);
  await settings.goto();
  // Max and resting HR alone give a TSS (LTHR ≈ 46 + 0.85 × (185 − 46) = 164, Karvonen):
  // the first field previews the run's re-scoring; the second joins the same preview.
  await settings.set('Max heart rate (bpm)', '185');
  await expect(settings.preview()).toHaveCount(0);
  await settings.set('Resting heart rate (bpm)', '46');
  await expect(settings.preview()).toHaveAttribute('data-changed', '1');
  await settings.set('Threshold heart rate, LTHR (bpm)', '163');
  await expect(settings.preview()).toHaveAttribute('data-changed', '1');
  await settings.button('Apply').click();
  await expect(settings.sets()).toHaveCount(0);
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries().first()).toContainText(/\d+ TSS · from heart rate/);
});

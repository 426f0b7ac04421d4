import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { DataPage } from './pages/data';
import { TodayPage } from './pages/today';

// Issues #33 and #35 as a runner meets them: drop the export of the HRV app or watch,
// get the check-ins (and workouts), and the HRV rules read them at once. The files are
// real exports of other projects (../shared/corpus/wellness, read where they lie); the
// expected values are that corpus' own (expect.json), established by other parsers.
const corpus = process.env.RECOVERY_RUN_CORPUS ?? path.join(__dirname, '../../../shared/corpus');
const wellness = (name: string) => fs.readFileSync(path.join(corpus, 'wellness', name));

test.use({ timezoneId: 'Europe/Berlin' });

/** The exported check-ins CSV as rows of column → cell. */
function rows(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c])));
}

test('an HRV4Training export becomes check-ins with their source, and the HRV rules read them at once', async ({ page }) => {
  // The day after the file's last morning (2017-07-28): 119 mornings of history.
  await page.clock.setFixedTime(new Date('2017-07-28T09:00:00'));
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  // Named as a runner might save it: the content decides, not the name.
  await data.importInput().setInputFiles({
    name: 'my export.txt',
    mimeType: 'text/plain',
    buffer: wellness('hrv4training/2017_7_28_myMeasurements.csv'),
  });
  const report = page.locator('.import-report');
  await expect(report).toContainText('HRV4Training — check-ins: 119 days added, 0 filled');
  await expect(report.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'done');

  const { text } = await data.download('Export check-ins (CSV)');
  const days = rows(text);
  expect(days.filter((d) => d.hrv_rmssd_ms !== '')).toHaveLength(119);
  const first = days.find((d) => d.date === '2017-04-01')!;
  expect(Number(first.hrv_rmssd_ms)).toBeCloseTo(67.54, 2);
  expect(Math.abs(Number(first.resting_hr_bpm) - 43.92)).toBeLessThanOrEqual(0.5);
  expect(first.hrv_source).toBe('HRV4Training');

  // Imported mornings are history: the baseline and the normal range exist today.
  const today = new TodayPage(page);
  await today.link('Today').click();
  const readiness = page.getByTestId('readiness');
  await expect(readiness).toContainText('HRV (from HRV4Training): 7-day ln rMSSD');
  await expect(readiness).toContainText('your normal range');

  // Importing the same file again changes nothing.
  await data.goto();
  await data.importInput().setInputFiles({
    name: 'again.csv',
    mimeType: 'text/csv',
    buffer: wellness('hrv4training/2017_7_28_myMeasurements.csv'),
  });
  await expect(report).toContainText('0 days added, 0 filled, 119 kept');
});

test("what the runner typed wins over an export's value", async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-09-06T09:00:00'));
  await page.goto('./');
  const today = new TodayPage(page);
  await today.hrv().fill('55');
  await today.hrv().press('Enter');
  await expect(page.getByTestId('readiness')).toContainText('(typed in)');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles({
    name: 'ElitHRV_Export - 2017-10-02.csv',
    mimeType: 'text/csv',
    buffer: wellness('elitehrv/ElitHRV_Export - 2017-10-02.csv'),
  });
  await expect(page.locator('.import-report')).toContainText('Elite HRV — check-ins: 22 days added');
  const { text } = await data.download('Export check-ins (CSV)');
  const mine = rows(text).find((d) => d.date === '2017-09-06')!;
  expect(mine.hrv_rmssd_ms).toBe('55');
  expect(mine.hrv_source).toBe('manual');
  // The file's morning HR of that day (50.46 bpm) fills what the day lacked.
  expect(mine.resting_hr_bpm).toBe('50');
});

test("Apple Health's export.zip gives its workouts as sessions", async ({ page }) => {
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles({
    name: 'export.zip',
    mimeType: 'application/zip',
    buffer: wellness('apple/paulstaab_export.zip'),
  });
  const report = page.locator('.import-report');
  await expect(report).toContainText('Apple Health — check-ins: 0 days added');
  await expect(report.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'done');
  const { text } = await data.download('Export sessions (CSV)');
  const sessions = text.trim().split('\n').slice(1);
  expect(sessions).toHaveLength(8);
  expect(sessions.filter((s) => s.includes(',run,'))).toHaveLength(7);
  expect(sessions.filter((s) => s.includes(',ride,'))).toHaveLength(1);
});

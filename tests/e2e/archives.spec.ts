import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';

// Real watch files (../shared/corpus, issue #16) and export archives built from them in
// Strava's and Garmin's layouts (issue #20), imported through the Data page as a runner
// would: the corpus is read where it lies, never copied into the repository.
const corpus = process.env.RECOVERY_RUN_CORPUS ?? path.join(__dirname, '../../../shared/corpus');
const read = (name: string) => fs.readFileSync(path.join(corpus, name));

// The corpus' expectations assume Europe/Berlin for files without their own offset.
test.use({ timezoneId: 'Europe/Berlin' });

/** A zip of `entries` ([path in the archive, bytes]), written by Python's zipfile. */
function zip(entries: [string, Buffer][]): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-zip-'));
  const list = entries.map(([name, bytes], i) => {
    const file = path.join(dir, `${i}`);
    fs.writeFileSync(file, bytes);
    return [name, file];
  });
  const out = path.join(dir, 'out.zip');
  execFileSync('python3', [
    '-c',
    'import json,sys,zipfile\n' +
      'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n' +
      '    for name, file in json.loads(sys.argv[2]): z.write(file, name)',
    out,
    JSON.stringify(list),
  ]);
  return fs.readFileSync(out);
}

type FileIn = { name: string; mimeType: string; buffer: Buffer };

/** Opens the Data page and imports the corpus' profile with `files`, as one batch. */
async function importWithProfile(page: Page, files: FileIn[]) {
  await page.goto('./');
  const data = new DataPage(page);
  await data.goto();
  await data.importInput().setInputFiles([
    { name: 'profile.json', mimeType: 'application/json', buffer: read('profile.json') },
    ...files,
  ]);
}

test('a Strava export: each activity with the name the athlete gave it', async ({ page }) => {
  const csv =
    'Activity ID,Activity Date,Activity Name,Activity Type,Filename\n' +
    '971150603,"Nov 30, 2015, 5:14:38 PM",Evening spin,Ride,activities/971150603.fit.gz\n' +
    '6281425038,"Sep 12, 2016, 11:19:00 AM",Lunch loop,Run,activities/6281425038.tcx.gz\n';
  const archive = zip([
    ['activities.csv', Buffer.from(csv)],
    ['activities/971150603.fit.gz', read('gz/sportslib_rides_971150603.fit.gz')],
    ['activities/6281425038.tcx.gz', read('gz/sportslib_runs_6281425038.tcx.gz')],
    ['profile.csv', Buffer.from('Athlete ID\n1\n')],
  ]);
  await importWithProfile(page, [
    { name: 'export_1234.zip', mimeType: 'application/zip', buffer: archive },
  ]);
  const report = page.locator('.import-report');
  await expect(report).toContainText('export_1234.zip: an archive of 4 files: 2 activity files read, 1 not activities, 0 unreadable.');
  await expect(report).toContainText(/export_1234\.zip › activities\/971150603\.fit\.gz: added, TSS \d+ \(power\)/);
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries()).toHaveCount(2);
  await expect(log.entries().filter({ hasText: 'Evening spin' })).toHaveCount(1);
  await expect(log.entries().filter({ hasText: 'Lunch loop' })).toHaveCount(1);
});

test('a Garmin export: the uploaded files inside its nested zip', async ({ page }) => {
  const inner = zip([
    ['sportslib_runs_6909950168.fit', read('fit/sportslib_runs_6909950168.fit')],
    ['sportslib_runs_2067489619.fit', read('fit/sportslib_runs_2067489619.fit')],
  ]);
  const outer = zip([
    ['DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json', Buffer.from('[]')],
    ['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', inner],
  ]);
  await importWithProfile(page, [
    { name: 'garmin.zip', mimeType: 'application/zip', buffer: outer },
  ]);
  const report = page.locator('.import-report');
  await expect(report).toContainText('garmin.zip: an archive of 3 files: 2 activity files read, 1 not activities, 0 unreadable.');
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries()).toHaveCount(2);
});

test('real files: a triathlon is a session per discipline, a pool swim counts its lengths', async ({ page }) => {
  await importWithProfile(page, [
    {
      name: 'f03_fit_multisport_triathlon_5_sessions.fit',
      mimeType: 'application/octet-stream',
      buffer: read('synthetic/f03_fit_multisport_triathlon_5_sessions.fit'),
    },
    {
      name: 'f15_fit_pool_swim_25m_moving_792s_elapsed_2767s.fit',
      mimeType: 'application/octet-stream',
      buffer: read('synthetic/f15_fit_pool_swim_25m_moving_792s_elapsed_2767s.fit'),
    },
  ]);
  const report = page.locator('.import-report');
  // Three disciplines of the triathlon and the swim; the transitions are said, not added.
  await expect(report).toContainText('Activities: 4 activities added.');
  await expect(report).toContainText('2 transitions (3 min in all) left out');
  await expect(report).toContainText(/\(leg 1 of 3, swim\): added, TSS \d+ \(swim\)/);
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entries()).toHaveCount(4);
  // The pool swim: 32 active lengths of 25 m, swum in 13:12 (its rest left out).
  await expect(log.entries().filter({ hasText: '0.8 km' })).toHaveCount(1);
});

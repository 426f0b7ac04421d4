// The archive figure of issue #20, against the release build served at BENCH_URL: an export
// archive of N one-hour activities (1 s records: heart rate, power, distance), each FIT file
// written by Garmin's FIT SDK encoder (as the test fixtures are, tests/fixtures/activity/tools),
// zipped as Strava's export lays them out, then imported on the Data page in Debian's
// Chromium. Prints:
//
//   - the time from choosing the file to the import report (budget ≤ 60 s for 1,000);
//   - the longest main-thread task during the import (PerformanceObserver "longtask",
//     budget ≤ 200 ms);
//   - the peak resident memory of the renderer process (the page and its file worker run
//     in it), sampled every 200 ms with ps, and the archive's size.
//
// With --ten-years, the archive holds ten years instead (5,200 activities, ten a week, the
// last yesterday; a record every 10 s, as watches' "smart" recording writes, which changes
// nothing of what is stored), and after the import it also prints what the stored log then
// measures:
//
//   - its size in localStorage (keys and texts; budget ≤ 2.5 M characters for ten years);
//   - opening the app until Today's advice, this log ÷ an empty one (medians of interleaved
//     loads, as bench/browser.mjs; budget ≤ 1.5×).
//
// With --big-gb G, the archive also holds G GB of media beside the activities (stored, as
// a phone video is: it does not compress), to show that a 2 GB export is read in slices and
// never whole: the renderer's peak memory stays near that of the 16 MB archive.
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/archive.mjs [--activities 1000] [--ten-years]
//       [--big-gb 2]
//
// Writes one `RESULT <json>` line per figure (to $BENCH_RESULTS when set).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { openTimes, stampAdvice, stored as storedIn } from './app.mjs';
import { result } from './results.mjs';
import { numberArg } from './args.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const TEN_YEARS = process.argv.includes('--ten-years');
const N = numberArg('--activities', TEN_YEARS ? 5200 : 1000);
const LOADS = numberArg('--loads', 7);
const BIG_GB = numberArg('--big-gb', 0);
// Seconds between records: 1, or for ten years 10 (as a watch's "smart" recording writes;
// what is stored of a session does not depend on it, and the archive is written 10× sooner).
const STEP = TEN_YEARS ? 10 : 1;
// Over how many days the activities are spread: one a day, or ten years of ten a week.
const DAYS = TEN_YEARS ? 3640 : N;

// Garmin's FIT SDK for JavaScript, from the fixtures' own tools package.
const tools = path.join(root, 'tests', 'fixtures', 'activity', 'tools');
if (!fs.existsSync(path.join(tools, 'node_modules', '@garmin', 'fitsdk'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tools, stdio: 'inherit' });
}
const require = createRequire(path.join(tools, 'package.json'));
const { Encoder, Profile } = await import(require.resolve('@garmin/fitsdk'));
const M = Profile.MesgNum;

/** A one-hour ride or run starting at `start`, a record every `STEP` seconds. */
function hour(start, ride) {
  const e = new Encoder();
  e.onMesg(M.FILE_ID, { type: 'activity', manufacturer: 'development', product: 0, serialNumber: 1, timeCreated: start });
  e.onMesg(M.EVENT, { timestamp: start, event: 'timer', eventType: 'start' });
  const speed = ride ? 8 : 3;
  for (let t = 0; t <= 3600; t += STEP) {
    const rec = {
      timestamp: new Date(start.getTime() + t * 1000),
      heartRate: 130 + ((t / 60) | 0) % 30,
      distance: speed * t,
    };
    if (ride) rec.power = 180 + ((t / 30) | 0) % 60;
    e.onMesg(M.RECORD, rec);
  }
  const end = new Date(start.getTime() + 3600 * 1000);
  e.onMesg(M.EVENT, { timestamp: end, event: 'timer', eventType: 'stopAll' });
  e.onMesg(M.LAP, { timestamp: end, startTime: start, totalElapsedTime: 3600, totalTimerTime: 3600 });
  e.onMesg(M.SESSION, {
    timestamp: end, startTime: start, totalElapsedTime: 3600, totalTimerTime: 3600,
    sport: ride ? 'cycling' : 'running', subSport: 'generic', totalDistance: speed * 3600,
    firstLapIndex: 0, numLaps: 1,
  });
  e.onMesg(M.ACTIVITY, { timestamp: end, numSessions: 1, type: 'manual', event: 'activity', eventType: 'stop', totalTimerTime: 3600 });
  return Buffer.from(e.close());
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-archive-'));
const zipPath = path.join(dir, `export_${N}.zip`);
{
  const t0 = Date.now();
  const list = [];
  const csv = ['Activity ID,Activity Date,Activity Name,Activity Type,Filename'];
  const now = new Date();
  const yesterday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 7);
  for (let i = 0; i < N; i++) {
    // Going back from yesterday, 07:00 UTC: one a day, or (ten years) ten a week, the
    // second of a day at 17:00.
    const day = Math.floor((i * DAYS) / N);
    const second = i > 0 && Math.floor(((i - 1) * DAYS) / N) === day;
    const start = new Date(yesterday - day * 86_400_000 + (second ? 10 * 3_600_000 : 0));
    const ride = i % 3 === 0;
    const file = path.join(dir, `${i}.fit`);
    fs.writeFileSync(file, hour(start, ride));
    list.push([`activities/${i}.fit`, file]);
    csv.push(`${i},${start.toISOString()},Day ${i},${ride ? 'Ride' : 'Run'},activities/${i}.fit`);
  }
  fs.writeFileSync(path.join(dir, 'activities.csv'), csv.join('\n') + '\n');
  list.unshift(['activities.csv', path.join(dir, 'activities.csv')]);
  // The list goes by file: thousands of paths are more than a command line holds.
  const listPath = path.join(dir, 'list.json');
  fs.writeFileSync(listPath, JSON.stringify(list));
  execFileSync('python3', ['-c',
    'import json,sys,zipfile\n' +
    'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n' +
    '    for name, file in json.load(open(sys.argv[2])): z.write(file, name)\n' +
    '    big = int(float(sys.argv[3]) * 1e9)\n' +
    '    if big:\n' +
    '        chunk = bytes(range(256)) * 4096\n' +
    '        with z.open(zipfile.ZipInfo("media/ride-video.mp4"), "w", force_zip64=True) as f:\n' +
    '            for _ in range(big // len(chunk)): f.write(chunk)\n',
    zipPath, listPath, String(BIG_GB)]);
  for (const [, f] of list) fs.rmSync(f);
  console.log(`wrote ${N} one-hour FIT files in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
    `${(fs.statSync(zipPath).size / 1e6).toFixed(1)} MB zipped`);
}

const browser = await launch();

/** Resident memory (KiB) of Chromium's renderer processes, summed. */
function rendererRss() {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return out.split('\n')
    .filter((l) => l.includes('--type=renderer'))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0] || 0), 0);
}

try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const page = await context.newPage();
  await page.goto(URL);
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByLabel('Import file').waitFor();
  await page.waitForTimeout(6000); // the app's idle preparation after opening
  await page.evaluate(() => { window.__longest = 0; });
  const baseline = rendererRss();
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 200);
  const t0 = Date.now();
  await page.getByLabel('Import file').setInputFiles(zipPath);
  await page.locator('.import-report li').first().waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const longest = await page.evaluate(() => window.__longest);
  const summary = await page.locator('.import-report li').first().textContent();
  console.log(`report: ${summary}`);
  console.log(`archive of ${N} one-hour activities: ${seconds.toFixed(1)} s from choosing the file to the report`);
  console.log(`longest main-thread task during the import: ${longest.toFixed(0)} ms`);
  console.log(`renderer memory: ${(baseline / 1024).toFixed(0)} MiB before, peak ${(peak / 1024).toFixed(0)} MiB`);
  const tag = TEN_YEARS ? 'archive10y' : BIG_GB ? 'archive_big' : 'archive';
  const size = `${(fs.statSync(zipPath).size / 1e9).toFixed(2)} GB`;
  const what = BIG_GB ? `${N} one-hour FIT files and ${BIG_GB} GB of video (${size})` : `${N} one-hour FIT files (${STEP} s records)`;
  result({ id: `${tag}_import`, figure: `Import of an archive of ${what}, Chromium`, value: seconds, unit: 's', ...(tag === 'archive' ? { budget: 60 } : {}) });
  result({ id: `${tag}_longtask`, figure: 'Longest main-thread task during that import', value: Math.round(longest), unit: 'ms', budget: 200 });
  result({ id: `${tag}_memory`, figure: 'Peak renderer memory (page and worker) during that import', value: Math.round(peak / 1024), unit: 'MiB' });
  if (TEN_YEARS) await afterTenYears(context, page);
} finally {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The stored size of the imported ten years, and the open time with them against empty. */
async function afterTenYears(full, page) {
  const stored = await storedIn(page);
  await page.close();
  console.log(`stored after the import: ${stored.chars} characters (keys and texts), ${stored.sessions} sessions`);
  result({ id: 'archive10y_storage', figure: `Stored data after importing ten years (${stored.sessions} sessions)`, value: stored.chars, unit: 'chars', budget: 2.5e6 });

  // Open → advice, as bench/browser.mjs times it (bench/app.mjs).
  const empty = await browser.newContext();
  for (const ctx of [empty, full]) await ctx.addInitScript(stampAdvice);
  const { empty: e, full: f } = await openTimes(empty, full, URL, LOADS, 'the imported ten years');
  result({ id: 'archive10y_load_ratio', figure: `Open → advice after importing ten years ÷ empty (medians of ${LOADS})`, value: f / e, unit: '×', budget: 1.5 });
}

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
//   BENCH_URL=http://127.0.0.1:8000/ node bench/archive.mjs [--activities 1000]
//
// Writes one `RESULT <json>` line per figure (to $BENCH_RESULTS when set).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--activities', 1000);
const result = (r) => {
  const line = `RESULT ${JSON.stringify(r)}\n`;
  if (process.env.BENCH_RESULTS) fs.appendFileSync(process.env.BENCH_RESULTS, line);
  else process.stdout.write(line);
};

// Garmin's FIT SDK for JavaScript, from the fixtures' own tools package.
const tools = path.join(root, 'tests', 'fixtures', 'activity', 'tools');
if (!fs.existsSync(path.join(tools, 'node_modules', '@garmin', 'fitsdk'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tools, stdio: 'inherit' });
}
const require = createRequire(path.join(tools, 'package.json'));
const { Encoder, Profile } = await import(require.resolve('@garmin/fitsdk'));
const M = Profile.MesgNum;

/** A one-hour ride or run starting at `start`, a record a second. */
function hour(start, ride) {
  const e = new Encoder();
  e.onMesg(M.FILE_ID, { type: 'activity', manufacturer: 'development', product: 0, serialNumber: 1, timeCreated: start });
  e.onMesg(M.EVENT, { timestamp: start, event: 'timer', eventType: 'start' });
  const speed = ride ? 8 : 3;
  for (let t = 0; t <= 3600; t++) {
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
  for (let i = 0; i < N; i++) {
    // One a day, at 07:00 UTC, going back from 2026-06-30.
    const start = new Date(Date.UTC(2026, 5, 30, 7) - i * 86_400_000);
    const ride = i % 3 === 0;
    const file = path.join(dir, `${i}.fit`);
    fs.writeFileSync(file, hour(start, ride));
    list.push([`activities/${i}.fit`, file]);
    csv.push(`${i},${start.toISOString()},Day ${i},${ride ? 'Ride' : 'Run'},activities/${i}.fit`);
  }
  fs.writeFileSync(path.join(dir, 'activities.csv'), csv.join('\n') + '\n');
  list.unshift(['activities.csv', path.join(dir, 'activities.csv')]);
  execFileSync('python3', ['-c',
    'import json,sys,zipfile\n' +
    'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n' +
    '    for name, file in json.loads(sys.argv[2]): z.write(file, name)',
    zipPath, JSON.stringify(list)]);
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
  result({ id: 'archive_import', figure: `Import of an archive of ${N} one-hour FIT files (1 s records), Chromium`, value: seconds, unit: 's', budget: 60 });
  result({ id: 'archive_longtask', figure: 'Longest main-thread task during that import', value: Math.round(longest), unit: 'ms', budget: 200 });
  result({ id: 'archive_memory', figure: 'Peak renderer memory (page and worker) during that import', value: Math.round(peak / 1024), unit: 'MiB' });
} finally {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

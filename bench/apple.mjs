// The Apple Health figure of issue #35, against the release build served at BENCH_URL: a
// generated export.zip whose export.xml is G GB (default 2; `examples/apple_health_export.rs`
// writes it as the Health app lays it out: years of heart-rate and other records, HRV,
// resting HR, sleep, a few thousand workouts, route GPX files), imported on the Data page in
// Debian's Chromium. Prints:
//
//   - the time from choosing the file to the import report;
//   - the renderer's resident memory (the page and its file worker run in it), sampled every
//     500 ms with ps: before, the peak, and the curve (one sample every 5 s), which must stay
//     flat however big the export (the XML is read in slices, never whole);
//   - what the report says.
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/apple.mjs [--gb 2] [--stored] [--keep PATH]
//
// `--stored` writes the zip uncompressed, so the browser reads G GB of file; `--keep PATH`
// reuses (or keeps) the export at PATH instead of writing one to a temporary folder.
// Writes one `RESULT <json>` line per figure (to $BENCH_RESULTS when set).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { result } from './results.mjs';
import { numberArg } from './args.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const GB = numberArg('--gb', 2);
const STORED = process.argv.includes('--stored');
const keepAt = process.argv.indexOf('--keep');
const KEEP = keepAt > 0 ? process.argv[keepAt + 1] : null;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-apple-'));
const zipPath = KEEP ?? path.join(dir, 'export.zip');
if (!fs.existsSync(zipPath)) {
  const t0 = Date.now();
  execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'apple_health_export', '--',
    'write', zipPath, '--gb', String(GB), ...(STORED ? ['--stored'] : [])],
  { cwd: root, stdio: 'inherit' });
  console.log(`wrote ${zipPath} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const size = fs.statSync(zipPath).size;
console.log(`export.zip: ${(size / 1e9).toFixed(2)} GB`);

/** Resident memory (KiB) of Chromium's renderer processes, summed. */
function rendererRss() {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return out.split('\n')
    .filter((l) => l.includes('--type=renderer'))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0] || 0), 0);
}

const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(URL);
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByLabel('Import file').waitFor();
  await page.waitForTimeout(6000); // the app's idle preparation after opening
  const baseline = rendererRss();
  const curve = [];
  let peak = baseline;
  const t0 = Date.now();
  const sampler = setInterval(() => {
    const now = rendererRss();
    peak = Math.max(peak, now);
    curve.push([(Date.now() - t0) / 1000, now]);
  }, 500);
  // The path is handed to the browser: the file is never read into this process.
  await page.getByLabel('Import file').setInputFiles(zipPath);
  await page.locator('.import-report li').first().waitFor({ timeout: 3_600_000 });
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const lines = await page.locator('.import-report li').allTextContents();
  console.log(`report: ${lines.slice(0, 3).join(' | ')}`);
  console.log(`${(size / 1e9).toFixed(2)} GB export.zip: ${seconds.toFixed(1)} s from choosing the file to the report`);
  console.log(`renderer memory: ${(baseline / 1024).toFixed(0)} MiB before, peak ${(peak / 1024).toFixed(0)} MiB`);
  const every5 = curve.filter((_, i) => i % 10 === 0).map(([t, kib]) => `${t.toFixed(0)} s ${(kib / 1024).toFixed(0)}`);
  console.log(`memory curve (s MiB): ${every5.join(', ')}`);
  result({ id: 'apple_import', figure: `Import of a ${(size / 1e9).toFixed(2)} GB Apple Health export.zip, Chromium`, value: seconds, unit: 's' });
  result({ id: 'apple_memory', figure: 'Peak renderer memory (page and worker) during that import', value: Math.round(peak / 1024), unit: 'MiB' });
  result({ id: 'apple_memory_before', figure: 'Renderer memory before that import', value: Math.round(baseline / 1024), unit: 'MiB' });
} finally {
  await browser.close();
  if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
}

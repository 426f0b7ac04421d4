// One FIT file into the ten-year log (issue #32's figure), against the release build served
// at BENCH_URL: the log of examples/ten_years.rs (ten years ending today) stored as the app
// stores it, then a real run (tests/fixtures/activity/run_hilly.fit) imported on the Data
// page in Debian's Chromium, several times (a new context each, so each import adds the
// run to the same ten years). Prints the median time from choosing the file to the import
// report, and the peak resident memory of the renderer (page and file worker) over the
// imports, sampled every 100 ms with ps.
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/import_one.mjs [--imports 5]
//
// Writes one `RESULT <json>` line per figure (to $BENCH_RESULTS when set).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { result } from './results.mjs';
import { numberArg } from './args.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const IMPORTS = numberArg('--imports', 5);
const KEY = 'recovery-run';
const FILE = path.join(root, 'tests', 'fixtures', 'activity', 'run_hilly.fit');

const seed = execFileSync('cargo', ['run', '--quiet', '--example', 'ten_years', '--', '--days', '3650'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
  stdio: ['ignore', 'pipe', 'inherit'],
});

/** Resident memory (KiB) of Chromium's renderer processes, summed. */
function rendererRss() {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return out.split('\n')
    .filter((l) => l.includes('--type=renderer'))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0] || 0), 0);
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const browser = await launch();
try {
  const times = [];
  let peak = 0;
  let before = 0;
  for (let i = 0; i < IMPORTS; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(new globalThis.URL('manifest.webmanifest', URL).href);
    await p.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, seed]);
    await p.goto(URL);
    await p.waitForFunction((k) => localStorage.getItem(k).includes('"blocks"'), KEY, { timeout: 60_000 });
    await p.getByRole('link', { name: 'Data', exact: true }).click();
    await p.getByLabel('Import file').waitFor();
    await p.waitForTimeout(6000); // the app's idle preparation after opening
    before = Math.max(before, rendererRss());
    const sampler = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 100);
    const t0 = Date.now();
    await p.getByLabel('Import file').setInputFiles(FILE);
    await p.locator('.import-report li').first().waitFor({ timeout: 120_000 });
    times.push(Date.now() - t0);
    clearInterval(sampler);
    const line = await p.locator('.import-report li').first().textContent();
    if (!/added/.test(line)) throw new Error(`not added: ${line}`);
    await context.close();
  }
  const ms = median(times);
  console.log(`one FIT file into ten years: ${times.join(', ')} ms (median ${ms})`);
  console.log(`renderer memory: ${(before / 1024).toFixed(0)} MiB before, peak ${(peak / 1024).toFixed(0)} MiB`);
  result({ id: 'import_one_10y', figure: `One FIT file into the ten-year log, choose → report (median of ${IMPORTS})`, value: ms, unit: 'ms' });
  result({ id: 'import_one_10y_memory', figure: 'Peak renderer memory during those imports', value: Math.round(peak / 1024), unit: 'MiB' });
} finally {
  await browser.close();
}

// Browser figures of issue #9 against the release build served at BENCH_URL, in Debian's
// Chromium driven by playwright-core (from the root node_modules):
//
//   - opening the app until Today shows the advice, with an empty log and with ten years of
//     sessions (examples/ten_years.rs, run with cargo): the median of several loads each,
//     interleaved, in one browser run;
//   - the stored size of the ten-year log after the app has saved it once;
//   - the script time of adding one session on the Log page with ten years loaded.
//
// Prints a readable line per figure, and one `RESULT <json>` line each for scripts/bench.sh
// (to the file $BENCH_RESULTS when set).
//
// With --twenty-years, the log is twenty years of a two-a-day triathlete instead, every
// session imported from a watch file with its notes (examples/twenty_years.rs, 14,600
// sessions; issue #34), seeded as the keys storage version 4 lays out (as one text it would
// not fit in localStorage).
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/browser.mjs [--loads 7] [--adds 7] [--twenty-years]

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { KEY, openTimes, stampAdvice, stored as storedIn } from './app.mjs';
import { median, result } from './results.mjs';
import { numberArg } from './args.mjs';

const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const TWENTY = process.argv.includes('--twenty-years');
const LOG = TWENTY ? '20 years' : '10 years';
const ID = TWENTY ? '20y_' : '';
const LOADS = numberArg('--loads', 7);
const ADDS = numberArg('--adds', 7);

const browser = await launch();

try {
  // Ten years ending today, as the text the app stores (examples/ten_years.rs, the log the
  // native benchmarks time too); its count goes to stderr.
  const example = TWENTY ? ['twenty_years'] : ['ten_years', '--', '--days', '3650'];
  const seed = execFileSync('cargo', ['run', '--quiet', '--example', ...example], {
    cwd: path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Every key to set: the whole envelope under the head's key (ten years), or the head and
  // its blocks (twenty).
  const keys = TWENTY ? JSON.parse(seed) : { [KEY]: seed };
  const sessionsSeeded = TWENTY ? 14_600 : JSON.parse(seed).data.sessions.length;

  // Two contexts (separate localStorage), same browser: an empty log and ten years.
  const empty = await browser.newContext();
  const full = await browser.newContext();
  for (const ctx of [empty, full]) await ctx.addInitScript(stampAdvice);
  {
    // Seed without an init script, so the loads timed below do not pay for writing it.
    const p = await full.newPage();
    await p.goto(new globalThis.URL('manifest.webmanifest', URL).href);
    await p.evaluate((keys) => {
      for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v);
    }, keys);
    // The seed is one text, the whole envelope (as version 1 stored everything); the app
    // lays it out in blocks at its first idle moment. Wait for that, so every timed load
    // reads today's layout.
    await p.goto(URL);
    await p.waitForFunction((k) => localStorage.getItem(k).includes('"blocks"'), KEY, { timeout: 60_000 });
    await p.close();
  }

  const { empty: e, full: f } = await openTimes(empty, full, URL, LOADS, `${LOG} (${sessionsSeeded} sessions)`);
  result({ id: `${ID}load_empty`, figure: `Open → advice, empty log (median of ${LOADS})`, value: e, unit: 'ms' });
  result({ id: `${ID}load_full`, figure: `Open → advice, ${LOG} (median of ${LOADS})`, value: f, unit: 'ms' });
  result({ id: `${ID}load_ratio`, figure: `Open → advice, ${LOG} ÷ empty`, value: f / e, unit: '×', budget: 1.5 });

  // Add sessions on the Log page with ten years loaded; time the save and re-render.
  const page = await full.newPage();
  await page.goto(new globalThis.URL('#/log', URL).href);
  await page.getByRole('heading', { level: 1, name: 'Log' }).waitFor();
  // An athlete types for a while before saving: by then the app has done what it does once,
  // 5 s after opening at an idle moment (src/ui/split.rs, `preload`: it encodes the text of
  // every record, so a save re-encodes only what changed). Time adds after that; the first
  // add still warms the code up, and is in the median.
  await page.waitForTimeout(6_000);
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r)));
  const cdp = await full.newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
  };
  // Clicks the button (or does nothing) in the page, then waits for the next frame and the
  // task after it, so whatever the click scheduled has run.
  const interact = (click) => page.evaluate(async (click) => {
    const t0 = performance.now();
    if (click) [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save session').click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, click);
  const quiet = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));

  const script = [];
  const wall = [];
  const idle = [];
  let stored = null;
  for (let i = 0; i < ADDS; i++) {
    await page.getByRole('button', { name: 'Add session' }).click();
    await page.getByLabel('Title', { exact: false }).first().fill(`Bench ${i}`);
    await page.getByLabel('Duration', { exact: false }).first().fill('32:00');
    await page.getByLabel('Average HR (bpm)').fill('140');
    await quiet();
    let s0 = await scriptMs();
    await interact(false);
    idle.push((await scriptMs()) - s0);
    await quiet();
    s0 = await scriptMs();
    wall.push(await interact(true));
    script.push((await scriptMs()) - s0);
    await page.locator('ul.sessions > li').filter({ hasText: `Bench ${i}` }).first().waitFor({ timeout: 10_000 });
    if (i === 0) stored = await storedIn(page);
  }
  await page.close();
  const storedSessions = stored.sessions;
  if (storedSessions !== sessionsSeeded + 1) throw new Error(`stored ${storedSessions} sessions, expected ${sessionsSeeded + 1}`);
  console.log(`add one session, script time: median ${median(script).toFixed(2)} ms (${script.map((x) => x.toFixed(2)).join(' ')}); ` +
    `the harness alone: ${median(idle).toFixed(2)} ms; click to next frame: median ${median(wall).toFixed(1)} ms`);
  result({ id: `${ID}add_script`, figure: `Add a session, ${LOG}: script time (median of ${ADDS})`, value: median(script), unit: 'ms', budget: 16 });
  result({ id: `${ID}add_frame`, figure: `Add a session, ${LOG}: click → next frame`, value: median(wall), unit: 'ms' });
  console.log(`stored after one save: ${stored.chars} characters (keys and texts), ${storedSessions} sessions`);
  result(TWENTY
    ? { id: '20y_storage', figure: `Stored data, 20 years (${storedSessions} sessions), of 5,242,880`, value: stored.chars, unit: 'chars', budget: 0.6 * 5_242_880 }
    : { id: 'storage', figure: `Stored data, 10 years (${storedSessions} sessions)`, value: stored.chars, unit: 'chars', budget: 2.5e6 });
} finally {
  await browser.close();
}

// A runner's repeat visit (issue #21), against the release build at BENCH_URL in Debian's
// Chromium: the service worker warm (everything from its cache), a session logged, Today
// opened once already today (so its snapshot exists). Measures from navigation start:
//
//   - advice painted: the advice card's headline is in the document (index.html paints the
//     snapshot before any wasm runs; without one, the live app's);
//   - live: the app's own advice card (`data-testid="advice"`) is in the document;
//
// the median and worst of several loads, with the CPU as it is and 4× slower (Chromium's
// CPU throttling, as Lighthouse's mobile profile). Prints one `RESULT <json>` line a figure
// (to $BENCH_RESULTS when set).
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/repeat.mjs [--loads 5]

import { launch } from './chromium.mjs';
import { numberArg } from './args.mjs';
import { result } from './results.mjs';

const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const LOADS = numberArg('--loads', 5);


// Stamps, before any of the page's scripts run, when the advice first shows and when the
// live app's does.
function stamp() {
  const obs = new MutationObserver(() => {
    if (!window.__paintedAt && document.querySelector('.advice .headline')) window.__paintedAt = performance.now();
    if (!window.__liveAt && document.querySelector('[data-testid="advice"]')) {
      window.__liveAt = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true });
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const worst = (xs) => sorted(xs)[xs.length - 1];

const browser = await launch();
try {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  // First visit: the service worker installs and caches the build; a session is logged.
  await page.goto(URL);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(`${URL}#/log`);
  await page.getByRole('button', { name: 'Add session' }).click();
  await page.getByLabel('Title', { exact: false }).first().fill('Easy run');
  await page.getByLabel('Duration', { exact: false }).first().fill('0:45:00');
  await page.getByLabel('Effort (RPE 1–10)', { exact: false }).first().fill('4');
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.goto(URL);
  await page.waitForSelector('[data-testid="advice"]');
  await page.waitForTimeout(500);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller))) throw new Error('no service worker controls the page');
  await ctx.addInitScript(stamp);

  const cdp = await ctx.newCDPSession(page);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const painted = [];
    const live = [];
    for (let n = 0; n < LOADS; n++) {
      await page.reload();
      await page.waitForFunction(() => window.__liveAt, null, { timeout: 60_000 });
      const [p, l] = await page.evaluate(() => [window.__paintedAt, window.__liveAt]);
      painted.push(p);
      live.push(l);
      await page.waitForTimeout(300);
    }
    const cpu = rate === 1 ? '' : `, CPU ${rate}× slower`;
    const id = rate === 1 ? '' : `_cpu${rate}`;
    result({ id: `repeat_painted${id}`, figure: `Repeat visit: advice painted, median of ${LOADS}${cpu}`, value: median(painted), unit: 'ms' });
    result({ id: `repeat_painted_worst${id}`, figure: `Repeat visit: advice painted, worst of ${LOADS}${cpu}`, value: worst(painted), unit: 'ms' });
    result({ id: `repeat_live${id}`, figure: `Repeat visit: live advice, median of ${LOADS}${cpu}`, value: median(live), unit: 'ms' });
    console.log(`CPU ×${rate}: advice painted ${painted.map((x) => x.toFixed(0)).join(', ')} ms; live ${live.map((x) => x.toFixed(0)).join(', ')} ms`);
  }
} finally {
  await browser.close();
}

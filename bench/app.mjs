// What the browser benchmarks share about the app: its storage key, how the stored log is
// measured, and how an opening is timed until Today shows the advice.

import { median } from './results.mjs';

/** The head's localStorage key (src/store/local.rs); the blocks lie under `${KEY}/…`. */
export const KEY = 'recovery-run';

/**
 * The stored log in `page`'s localStorage: every key of the app's with its text (blocks a
 * save replaced stay until the next save, and count too), in characters, and the sessions
 * in the blocks the head lists (src/store/layout.rs).
 */
export function stored(page) {
  return page.evaluate((k) => {
    const out = { chars: 0, sessions: 0 };
    for (let j = 0; j < localStorage.length; j++) {
      const key = localStorage.key(j);
      if (key === k || key.startsWith(`${k}/`)) out.chars += key.length + localStorage.getItem(key).length;
    }
    const head = JSON.parse(localStorage.getItem(k));
    // A packed block (storage version 4, src/store/pack.rs) holds 500 records; the last,
    // plain one is JSON.
    for (const key of head.blocks.sessions) {
      const text = localStorage.getItem(key);
      out.sessions += text.startsWith('~') ? 500 : JSON.parse(text).length;
    }
    return out;
  }, KEY);
}

/**
 * An init script: stamps `window.__adviceAt` (performance.now(), ms since navigation start)
 * when the advice card first exists, from a MutationObserver installed before any of the
 * page's scripts run.
 */
export function stampAdvice() {
  const obs = new MutationObserver(() => {
    if (!window.__adviceAt && document.querySelector('[data-testid="advice"]')) {
      window.__adviceAt = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true });
}

/**
 * Opens `url` in a new page of `ctx` (which has `stampAdvice` as an init script) and
 * returns the ms until the advice showed; throws on a page error or an alert shown (the log
 * did not open cleanly). With `install`, the page stays open until the service worker is
 * active (the app registers it a few seconds after its first screen, public/register-sw.js).
 */
export async function openUntilAdvice(ctx, url, { install = false } = {}) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__adviceAt, null, { timeout: 60_000 });
  const at = await page.evaluate(() => window.__adviceAt);
  if (install) await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const alert = await page.getByRole('alert').count();
  await page.close();
  if (problems.length) throw new Error(`page error: ${problems.join('; ')}`);
  if (alert) throw new Error('the log did not open cleanly (an alert is shown)');
  return at;
}

/**
 * Times openings of `url` with an empty log (context `empty`) and with `what` (context
 * `full`), both with `stampAdvice`, interleaved so both see the same machine: two warm-up
 * openings each first (the first stays open until the service worker is active; the HTTP
 * and code caches fill; every timed opening is then an installed app's launch), then
 * `loads` each.
 * Prints both medians with every time; returns them in ms.
 */
export async function openTimes(empty, full, url, loads, what) {
  for (let i = 0; i < 2; i++) {
    await openUntilAdvice(empty, url, { install: i === 0 });
    await openUntilAdvice(full, url, { install: i === 0 });
  }
  const times = { empty: [], full: [] };
  for (let i = 0; i < loads; i++) {
    times.empty.push(await openUntilAdvice(empty, url));
    times.full.push(await openUntilAdvice(full, url));
  }
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  const e = median(times.empty);
  const f = median(times.full);
  console.log(`open until advice, empty log: median ${e.toFixed(1)} ms (${fmt(times.empty)})`);
  console.log(`open until advice, ${what}: median ${f.toFixed(1)} ms (${fmt(times.full)})`);
  return { empty: e, full: f };
}

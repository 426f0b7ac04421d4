// Where a save's time goes with twenty years logged (issue #34's log, examples/twenty_years.rs),
// against a release build served at BENCH_URL and built with WASM_NAMES=1 (so the profile
// names Rust's functions): the log seeded as storage version 4 lays it out, six sessions
// added on the Log page, the last five under CDP's sampling profiler (50 µs). Prints each
// add's synchronous click time and time to the next frame, then the functions with the most
// self time and the most total time (ms, summed over the five adds).
//
//   WASM_NAMES=1 trunk build --release && python3 bench/serve.py --dir dist --port 8000 &
//   BENCH_URL=http://127.0.0.1:8000/ node bench/profile_save.mjs

import { execFileSync } from 'node:child_process';
import { launch } from './chromium.mjs';
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const KEY = 'recovery-run';
const browser = await launch();
const seed = execFileSync('cargo', ['run', '--quiet', '--example', 'twenty_years'], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
const keys = JSON.parse(seed);
const full = await browser.newContext();
const p = await full.newPage();
await p.goto(new globalThis.URL('manifest.webmanifest', URL).href);
await p.evaluate((keys) => { for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v); }, keys);
await p.close();
const page = await full.newPage();
await page.goto(new globalThis.URL('#/log', URL).href);
await page.getByRole('heading', { level: 1, name: 'Log' }).waitFor();
await page.waitForTimeout(7000);
const cdp = await full.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
const spans = [];
for (let i = 0; i < 6; i++) {
  await page.getByRole('button', { name: 'Add session' }).click();
  await page.getByLabel('Title', { exact: false }).first().fill(`Bench ${i}`);
  await page.getByLabel('Duration', { exact: false }).first().fill('32:00');
  await page.getByLabel('Average HR (bpm)').fill('140');
  await page.waitForTimeout(300);
  if (i === 1) await cdp.send('Profiler.start');
  const t = await page.evaluate(async () => {
    const t0 = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save session').click();
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return [t1 - t0, performance.now() - t0];
  });
  spans.push(t);
  await page.locator('ul.sessions > li').filter({ hasText: `Bench ${i}` }).first().waitFor({ timeout: 10_000 });
}
const { profile } = await cdp.send('Profiler.stop');
console.log('click sync / to next frame:', spans.map(([a, b]) => `${a.toFixed(1)}/${b.toFixed(1)}`).join(' '));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); const total = new Map();
const dts = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const dt = (dts[i + 1] ?? 0) / 1000;
  const n = byId.get(id);
  const name = n.callFrame.functionName || '(anon)';
  self.set(name, (self.get(name) ?? 0) + dt);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const nm = byId.get(x).callFrame.functionName || '(anon)';
    if (seen.has(nm)) continue; seen.add(nm);
    total.set(nm, (total.get(nm) ?? 0) + dt);
  }
});
const top = (m, k) => [...m].filter(([n]) => !['(idle)', '(program)', '(root)'].includes(n)).sort((a, b) => b[1] - a[1]).slice(0, k);
console.log('SELF'); for (const [n, t] of top(self, 30)) console.log(t.toFixed(1).padStart(8), n.slice(0, 140));
console.log('TOTAL'); for (const [n, t] of top(total, 60)) console.log(t.toFixed(1).padStart(8), n.slice(0, 140));
await browser.close();

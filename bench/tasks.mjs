// The long main-thread tasks of a first load (issue #21's TBT), and what fills each one:
// loads the release build served at BENCH_URL once in a fresh Chromium profile with the CPU
// slowed down 4× (as Lighthouse's mobile profile assumes), records a performance trace, and
// prints every task over the threshold with the trace events inside it that took longest
// (`TimerFire` is a part of the first render `ui::stage` puts off, `FireIdleCallback` the
// check-in's chunk, `wasm.CompileLazy` V8 compiling wasm functions on their first call).
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/tasks.mjs [--over 50] [--wait 4000]
//
// A diagnostic, not a benchmark: nothing here has a budget (bench/lighthouse.mjs has TBT's).

import { launch } from './chromium.mjs';
import { numberArg } from './args.mjs';

const url = process.env.BENCH_URL;
if (!url) {
  console.error('Set BENCH_URL to the served release build, e.g. http://127.0.0.1:8000/');
  process.exit(2);
}
const OVER_MS = numberArg('--over', 50);
const WAIT_MS = numberArg('--wait', 4000);

const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, {
  categories: [
    'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'loading',
    'blink.user_timing', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed',
  ],
});
await page.goto(url);
await page.waitForTimeout(WAIT_MS);
const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
await browser.close();

const events = trace.traceEvents ?? trace;
const mainThreads = new Set(
  events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`),
);
const onMain = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
// The navigation to the app (the first one, to about:blank, is not counted).
const starts = events
  .filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith('http'))
  .map((e) => e.ts);
const origin = starts.length ? Math.min(...starts) : Math.min(...onMain.map((e) => e.ts));
const tasks = onMain
  .filter((e) => e.name === 'RunTask' && e.dur > OVER_MS * 1000 && e.ts >= origin)
  .sort((a, b) => a.ts - b.ts);

console.log(`main-thread tasks over ${OVER_MS} ms, CPU 4× slower (times from navigation):`);
for (const task of tasks) {
  const inside = new Map();
  for (const e of onMain) {
    if (e !== task && e.name !== 'RunTask' && e.ts > task.ts && e.ts < task.ts + task.dur) {
      inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0));
    }
  }
  const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const at = ((task.ts - origin) / 1000).toFixed(0);
  const what = top.map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`).join(', ');
  console.log(`  at ${at} ms, ${(task.dur / 1000).toFixed(0)} ms: ${what}`);
}

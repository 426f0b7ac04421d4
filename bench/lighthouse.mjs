// Lighthouse (bench/node_modules, pinned by bench/package-lock.json) against the release
// build at BENCH_URL, in Debian's Chromium, with Lighthouse's default mobile profile
// (simulated slow 4G and a 4× slower CPU), several runs (issue #21: a single run varies by
// several points). Prints each run's performance, LCP, TBT and CLS, their median and worst
// (budgets: performance median ≥ 0.98 and worst ≥ 0.95, LCP ≤ 1.5 s, TBT ≤ 150 ms, CLS 0),
// and the four category scores of the median run with, for one under its budget, the
// audits that cost it points.
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/lighthouse.mjs [--out bench/results] [--runs 5]

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg } from './args.mjs';
import { emit, result } from './results.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const i = process.argv.indexOf('--out');
const out = i > 0 ? process.argv[i + 1] : path.join(here, 'results');
fs.mkdirSync(out, { recursive: true });
const report = path.join(out, 'lighthouse.json');


// Audits about how files are served (compression, cache headers), which depend on the
// static server as much as on the build; scripts/bench.sh serves with bench/serve.py, which
// does what static hosts do.
const SERVER_SIDE = new Set(['uses-text-compression', 'uses-long-cache-ttl']);

const BUDGETS = { performance: 0.95, accessibility: 0.95, 'best-practices': 0.95, seo: 0.9 };

const bin = path.join(here, 'node_modules', '.bin', 'lighthouse');
const flags = ['--headless=new', '--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
const RUNS = numberArg('--runs', 5);

function run(n) {
  const file = path.join(out, `lighthouse-${n}.json`);
  execFileSync(bin, [
    URL,
    '--output=json',
    `--output-path=${file}`,
    `--chrome-flags=${flags.join(' ')}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    '--quiet',
  ], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
  const lhr = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return lhr;
}

const runs = [];
for (let n = 1; n <= RUNS; n++) {
  const lhr = run(n);
  const m = {
    lhr,
    performance: lhr.categories.performance.score,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    fcp: lhr.audits['first-contentful-paint'].numericValue,
  };
  runs.push(m);
  if (n === 1) console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, throttling ${lhr.configSettings.throttlingMethod}; reports: ${path.relative(process.cwd(), out)}/lighthouse-N.json`);
  console.log(`  run ${n}: performance ${m.performance.toFixed(2)}, FCP ${m.fcp.toFixed(0)} ms, LCP ${m.lcp.toFixed(0)} ms, TBT ${m.tbt.toFixed(0)} ms, CLS ${m.cls.toFixed(3)}`);
}

const sorted = (k) => runs.map((m) => m[k]).sort((a, b) => a - b);
const median = (k) => sorted(k)[Math.floor(RUNS / 2)];
const worst = (k, higherIsBetter) => (higherIsBetter ? sorted(k)[0] : sorted(k)[RUNS - 1]);
const figures = [
  ['lh_perf_median', `Lighthouse performance, median of ${RUNS}`, median('performance'), 'score', 0.98, true],
  ['lh_perf_worst', `Lighthouse performance, worst of ${RUNS}`, worst('performance', true), 'score', 0.95, true],
  ['lh_lcp_median', `Largest contentful paint, median of ${RUNS}`, median('lcp'), 'ms', 1500],
  ['lh_lcp_worst', `Largest contentful paint, worst of ${RUNS}`, worst('lcp'), 'ms'],
  ['lh_tbt_median', `Total blocking time, median of ${RUNS}`, median('tbt'), 'ms', 150],
  ['lh_tbt_worst', `Total blocking time, worst of ${RUNS}`, worst('tbt'), 'ms'],
  ['lh_cls_worst', `Cumulative layout shift, worst of ${RUNS}`, worst('cls'), 'score', 0],
];
for (const [id, figure, value, unit, budget, atLeast] of figures) {
  result({ id, figure, value, unit, ...(budget === undefined ? {} : { budget }), ...(atLeast ? { atLeast } : {}) });
  console.log(`  ${figure}: ${unit === 'ms' ? `${value.toFixed(0)} ms` : value}${budget === undefined ? '' : ` (budget ${atLeast ? '≥' : '≤'} ${budget})`}`);
}

// The categories of the median run by performance.
const lhr = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(RUNS / 2)].lhr;
fs.copyFileSync(path.join(out, `lighthouse-${runs.findIndex((m) => m.lhr === lhr) + 1}.json`), report);
for (const [id, budget] of Object.entries(BUDGETS)) {
  const cat = lhr.categories[id];
  const score = cat?.score ?? 0;
  result({ id: `lh_${id}`, figure: `Lighthouse ${cat?.title ?? id}`, value: score, unit: 'score', budget, atLeast: true });
  console.log(`  ${cat?.title ?? id}: ${score} (budget ${budget})`);
  if (score >= budget) continue;
  console.log(`  ${cat?.title ?? id} ${score} < ${budget}; audits that cost points:`);
  for (const ref of cat?.auditRefs ?? []) {
    const a = lhr.audits[ref.id];
    if (!a || a.score === null || a.score >= 0.9 || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'informative') continue;
    const server = SERVER_SIDE.has(ref.id) ? ' [the static server\'s, not the build\'s]' : '';
    const line = `${a.title} — score ${a.score}${a.displayValue ? `, ${a.displayValue}` : ''}${ref.weight ? ` (weight ${ref.weight})` : ''}${server}`;
    emit(`LIGHTHOUSE_AUDIT ${JSON.stringify({ category: cat.title, line })}`);
    console.log(`    - ${line}`);
  }
}

// Lighthouse (bench/node_modules, pinned by bench/package-lock.json) against the release
// build at BENCH_URL, in Debian's Chromium, with Lighthouse's default mobile profile
// (simulated slow 4G and a 4× slower CPU). Prints the four category scores and, for a
// category under its budget, the audits that cost it points.
//
//   BENCH_URL=http://127.0.0.1:8000/ node bench/lighthouse.mjs [--out bench/results]

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:8000/';
const i = process.argv.indexOf('--out');
const out = i > 0 ? process.argv[i + 1] : path.join(here, 'results');
fs.mkdirSync(out, { recursive: true });
const report = path.join(out, 'lighthouse.json');

// With BENCH_RESULTS set (scripts/bench.sh), the RESULT lines go to that file only.
const emit = (line) => {
  if (process.env.BENCH_RESULTS) fs.appendFileSync(process.env.BENCH_RESULTS, `${line}\n`);
  else console.log(line);
};

// Audits about how files are served (compression, cache headers), which depend on the
// static server as much as on the build; scripts/bench.sh serves with bench/serve.py, which
// does what static hosts do.
const SERVER_SIDE = new Set(['uses-text-compression', 'uses-long-cache-ttl']);

const BUDGETS = { performance: 0.95, accessibility: 0.95, 'best-practices': 0.95, seo: 0.9 };

const bin = path.join(here, 'node_modules', '.bin', 'lighthouse');
const flags = ['--headless=new', '--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
execFileSync(bin, [
  URL,
  '--output=json',
  `--output-path=${report}`,
  `--chrome-flags=${flags.join(' ')}`,
  '--only-categories=performance,accessibility,best-practices,seo',
  '--quiet',
], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });

const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, throttling ${lhr.configSettings.throttlingMethod}; report: ${path.relative(process.cwd(), report)}`);
if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);

for (const metric of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
  const a = lhr.audits[metric];
  if (a) console.log(`  ${a.title}: ${a.displayValue} (score ${a.score})`);
}
for (const [id, budget] of Object.entries(BUDGETS)) {
  const cat = lhr.categories[id];
  const score = cat?.score ?? 0;
  emit(`RESULT ${JSON.stringify({ id: `lh_${id}`, figure: `Lighthouse ${cat?.title ?? id}`, value: score, unit: 'score', budget, atLeast: true })}`);
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

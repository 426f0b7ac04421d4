// Reads the `RESULT {json}` lines scripts/bench.sh collected and prints the final table, then
// the same table in Markdown (for the README). Exits 1 if any figure is over its budget or
// could not be measured.
//
// A result: { id, figure, value, unit, budget?, atLeast?, error? }. Without a budget it is
// shown for information; `atLeast` means the budget is a floor (Lighthouse scores).
//
//   node bench/report.mjs bench/results/results.txt

import fs from 'node:fs';

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const results = lines.filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)));
const audits = lines.filter((l) => l.startsWith('LIGHTHOUSE_AUDIT ')).map((l) => JSON.parse(l.slice(17)));

function show(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'ms': return v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
    case '×': return `${v.toFixed(2)}×`;
    case 'KiB': return `${v.toFixed(1)} KiB`;
    case 'chars': return `${(v / 1e6).toFixed(2)} M chars`;
    case 'score': return v.toFixed(2);
    default: return `${v} ${unit}`;
  }
}

function showBudget(b, unit) {
  switch (unit) {
    case '×': return `${b}×`;
    case 'chars': return `${b / 1e6} M chars`;
    case 'score': return `${b}`;
    default: return `${b} ${unit}`;
  }
}

const rows = results.map((r) => {
  const budget = r.budget === undefined ? '' : `${r.atLeast ? '≥' : '≤'} ${showBudget(r.budget, r.unit)}`;
  let verdict = '';
  if (r.error) verdict = 'ERROR';
  else if (r.budget !== undefined) verdict = (r.atLeast ? r.value >= r.budget : r.value <= r.budget) ? 'PASS' : 'OVER';
  return { figure: r.figure, measured: r.error ? `error: ${r.error}` : show(r.value, r.unit), budget, verdict };
});

const cols = ['figure', 'measured', 'budget', 'verdict'];
const heads = { figure: 'Figure', measured: 'Measured', budget: 'Budget', verdict: 'Result' };
const width = Object.fromEntries(cols.map((c) => [c, Math.max(heads[c].length, ...rows.map((r) => r[c].length))]));
const line = (r) => cols.map((c) => r[c].padEnd(width[c])).join('  ');
console.log(line(heads));
console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of rows) console.log(line(r));

const failed = rows.filter((r) => r.verdict === 'OVER' || r.verdict === 'ERROR');
if (audits.length) {
  console.log('\nLighthouse audits that cost points in a category under budget:');
  for (const a of audits) console.log(`  ${a.category}: ${a.line}`);
}

console.log('\nMarkdown:\n');
console.log('| Figure | Measured | Budget | Result |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.budget || '—'} | ${r.verdict || '—'} |`);
console.log('');
if (failed.length) {
  console.log(`${failed.length} figure(s) over budget or not measured: ${failed.map((r) => r.figure).join('; ')}`);
  process.exit(1);
}
console.log('Every figure is within its budget.');

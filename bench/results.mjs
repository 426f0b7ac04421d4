// How the benchmark scripts report: one `RESULT <json>` line a figure, which
// scripts/bench.sh collects in $BENCH_RESULTS and bench/report.mjs checks against the
// budgets. Without $BENCH_RESULTS the lines go to standard output.
import fs from 'node:fs';

/** Writes `line` to $BENCH_RESULTS when set (scripts/bench.sh), else to standard output. */
export function emit(line) {
  if (process.env.BENCH_RESULTS) fs.appendFileSync(process.env.BENCH_RESULTS, `${line}\n`);
  else console.log(line);
}

/** A figure: `{ id, figure, value, unit, budget?, atLeast?, error? }` (bench/report.mjs). */
export function result(r) {
  emit(`RESULT ${JSON.stringify(r)}`);
}

/** The median; of an even count, the mean of the middle two. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

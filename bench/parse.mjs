// Turns the output of the other tools scripts/bench.sh runs into `RESULT {json}` lines.
//
//   node bench/parse.mjs size      < output of scripts/size.py
//   node bench/parse.mjs criterion < output of cargo bench --bench pmc
//   node bench/parse.mjs web       < output of cargo test --test web_bench (wasm32)

import fs from 'node:fs';

const text = fs.readFileSync(0, 'utf8');
const out = (r) => console.log(`RESULT ${JSON.stringify(r)}`);
const fail = (id, figure, error, extra = {}) => out({ id, figure, value: null, error, ...extra });
const toMs = { ps: 1e-9, ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 };

switch (process.argv[2]) {
  case 'size': {
    // "total    raw    gzip    brotli"
    const m = text.match(/^total\s+(\d+)\s+(\d+)\s+(\d+|-)\s*$/m);
    if (!m) { fail('size_gzip', 'First load (wasm+js+css), gzip', 'no total in size.py output', { budget: 200, unit: 'KiB' }); break; }
    out({ id: 'size_raw', figure: 'First load (wasm+js+css), raw', value: Number(m[1]) / 1024, unit: 'KiB' });
    out({ id: 'size_gzip', figure: 'First load (wasm+js+css), gzip -9', value: Number(m[2]) / 1024, unit: 'KiB', budget: 200 });
    if (m[3] !== '-') out({ id: 'size_brotli', figure: 'First load (wasm+js+css), brotli -q 11', value: Number(m[3]) / 1024, unit: 'KiB' });
    break;
  }
  case 'criterion': {
    // Criterion prints the name, then (on the same line or the next) `time: [low est high]`.
    const benches = {
      'series: 10 years from stored sessions': { id: 'pmc_native', figure: 'PMC series, 10 years, native (criterion)', budget: 1 },
      'series: 10 years, every TSS estimated': { id: 'pmc_native_estimated', figure: 'PMC series, 10 years, every TSS estimated, native' },
      'one edit: rescore one session + full series': { id: 'pmc_native_edit', figure: 'One edit: rescore + PMC series, native' },
    };
    let name = null;
    const found = new Set();
    for (const line of text.split('\n')) {
      const t = line.match(/time:\s+\[\s*([\d.]+)\s*(\S+)\s+([\d.]+)\s*(\S+)\s+([\d.]+)\s*(\S+)\s*\]/);
      const before = (t ? line.slice(0, line.indexOf('time:')) : line).trim();
      if (before && benches[before]) name = before;
      if (t && name && !found.has(name)) {
        found.add(name);
        out({ ...benches[name], value: Number(t[3]) * toMs[t[4]], unit: 'ms' });
      }
    }
    for (const [name, b] of Object.entries(benches)) if (!found.has(name) && b.budget) fail(b.id, b.figure, 'not in cargo bench output', { budget: b.budget, unit: 'ms' });
    break;
  }
  case 'web': {
    const stored = text.match(/BENCH pmc_series_stored_ms ([\d.]+)/);
    const est = text.match(/BENCH pmc_series_estimated_ms ([\d.]+)/);
    if (stored) out({ id: 'pmc_browser', figure: 'PMC series, 10 years, in Chromium (wasm, release)', value: Number(stored[1]), unit: 'ms', budget: 5 });
    else fail('pmc_browser', 'PMC series, 10 years, in Chromium (wasm, release)', 'no BENCH line from web_bench', { budget: 5, unit: 'ms' });
    const read = text.match(/BENCH storage_read_ms ([\d.]+)/);
    if (read) out({ id: 'storage_read_browser', figure: 'Reading 10 years from storage texts, in Chromium (warm)', value: Number(read[1]), unit: 'ms' });
    if (est) out({ id: 'pmc_browser_estimated', figure: 'PMC series, 10 years, every TSS estimated, in Chromium', value: Number(est[1]), unit: 'ms' });
    break;
  }
  default:
    throw new Error(`unknown kind ${process.argv[2]}`);
}

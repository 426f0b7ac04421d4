#!/usr/bin/env node
// End-to-end smoke suite in the engines besides Chromium that runners' devices use:
// Firefox (Gecko) and WebKit (Safari's engine, as on every iPhone). Each engine runs
// smoke.mjs against the release build (dist/) served on 127.0.0.1, in a fresh profile.
//
//   node tests/engines/run.mjs [firefox] [webkit]     (both when none is named)
//
// Environment: DIST (the build, default dist/), RECOVERY_RUN_CORPUS (the real files, default
// ../shared/corpus beside the repository), ENGINES_RESULTS (screenshots and browser logs,
// default tests/engines/results/). Ends with "N passed, N failed"; exits 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, StaticSite, stopAll } from './processes.mjs';
import { smoke } from './smoke.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.resolve(process.env.DIST ?? path.join(repo, 'dist'));
const corpus = path.resolve(process.env.RECOVERY_RUN_CORPUS ?? path.join(repo, '../shared/corpus'));
const fitFile = path.join(corpus, 'fit/sportslib_runs_6860622783.fit');
const results = path.resolve(process.env.ENGINES_RESULTS ?? path.join(here, 'results'));

const ENGINES = { firefox: () => import('./firefox.mjs'), webkit: () => import('./webkit.mjs') };
const chosen = process.argv.slice(2);
for (const e of chosen) {
  if (!ENGINES[e]) {
    console.error(`unknown engine ${e}: one of ${Object.keys(ENGINES).join(', ')}`);
    process.exit(2);
  }
}
for (const [what, file] of [['the release build (trunk build --release)', path.join(dist, 'index.html')], ['the corpus FIT file', fitFile]]) {
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: ${what}`);
    process.exit(2);
  }
}

let passed = 0;
let failed = 0;
const t0 = performance.now();
for (const key of chosen.length ? chosen : Object.keys(ENGINES)) {
  const engine = await ENGINES[key]();
  const shots = path.join(results, key);
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const logFile = fs.createWriteStream(path.join(shots, 'browser.log'));
  const log = (text) => logFile.write(text);
  const started = performance.now();
  // A server of its own per engine: the offline step stops it.
  const site = new StaticSite(dist, await freePort());
  let driver;
  try {
    await site.start();
    driver = await engine.launch({ log });
    console.log(`${engine.name} (${driver.version}), ${site.url}`);
    await smoke(driver, { site, fitFile, shots });
    passed++;
    console.log(`  PASS ${engine.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    failed++;
    console.log(`  FAIL ${engine.name} after ${((performance.now() - started) / 1000).toFixed(1)} s\n    ${e.message}`);
    if (!/^step /.test(e.message)) console.log(e.stack);
  } finally {
    await driver?.close().catch((e) => console.log(`  (closing ${engine.name}: ${e.message})`));
    await site.stop().catch(() => {});
    logFile.end();
  }
}
await stopAll();
console.log(`engines: ${((performance.now() - t0) / 1000).toFixed(1)} s; screenshots and logs in ${path.relative(process.cwd(), results) || '.'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

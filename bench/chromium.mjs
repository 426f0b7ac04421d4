// Debian's Chromium, headless, as the benchmark scripts drive it (playwright-core from the
// root node_modules): no sandbox as root, and nothing that reaches for the network.
// CHROMIUM_FLAGS adds switches for a diagnostic, e.g. CHROMIUM_FLAGS=--js-flags=--no-wasm-lazy-compilation
// to see a first load with every wasm function compiled in the background (bench/tasks.mjs).

import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      ...(process.env.CHROMIUM_FLAGS ? process.env.CHROMIUM_FLAGS.split(' ') : []),
    ],
  });
}

// Takes screenshots of every page of the release build, phone- and desktop-sized, for the
// README: `node scripts/screenshots.mjs [out-dir]` after `trunk build --release`.
// Serves dist/ itself on 127.0.0.1 and loads a demo backup first if docs/demo-backup.json exists.
import { chromium } from '@playwright/test';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'screenshots'));
fs.mkdirSync(out, { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const file = path.join(dist, rel);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const demo = path.join(root, 'docs', 'demo-backup.json');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const today = process.env.SCREENSHOT_DATE ?? '2026-03-12T09:00:00';
for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 860 }]]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(today));
    await page.goto(base);
    if (fs.existsSync(demo)) {
      await page.getByRole('link', { name: 'Data', exact: true }).click();
      await page.getByLabel('Import file').setInputFiles(demo);
      await page.getByRole('status').waitFor();
    }
    for (const name of ['Today', 'Log', 'Chart', 'Data', 'Settings']) {
      if (scheme === 'dark' && name !== 'Today') continue;
      await page.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const file = path.join(out, `${name.toLowerCase()}-${size}${scheme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file, fullPage: size === 'phone' ? false : true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
server.close();

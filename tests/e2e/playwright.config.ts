import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// End-to-end tests run against the release build (dist/) served on 127.0.0.1 by a plain
// static file server, in Debian's Chromium (Playwright's own browser download does not
// work on these machines).
const port = Number(process.env.E2E_PORT ?? 4173);
const subPort = port + 1;

// A copy of the build under a sub-folder, served by a second server: the same dist/ must
// work there (relative paths), and the offline tests change this copy's service worker to
// play "a second build".
const site = path.join(__dirname, '.site');
export const SUB_FOLDER = 'any/sub/folder/';
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(path.join(site, SUB_FOLDER), { recursive: true });
fs.cpSync(path.join(__dirname, '../../dist'), path.join(site, SUB_FOLDER), { recursive: true });
process.env.E2E_SUB_URL = `http://127.0.0.1:${subPort}/${SUB_FOLDER}`;
process.env.E2E_SUB_DIR = path.join(site, SUB_FOLDER);

export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ../../dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command: `python3 -m http.server ${subPort} --bind 127.0.0.1 --directory .site`,
      url: `http://127.0.0.1:${subPort}/${SUB_FOLDER}`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});

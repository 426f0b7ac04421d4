// Firefox (Debian's firefox-esr, Gecko), driven over WebDriver BiDi by puppeteer-core, in a
// fresh profile that puppeteer makes and removes.
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';

export const name = 'Firefox';

export async function launch({ log }) {
  const executablePath = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} is missing: bash scripts/setup.sh --test installs it`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 60_000,
    // No update checks, studies or telemetry: nothing here may reach the network.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'app.normandy.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => log(`console.${m.type()}: ${m.text()}\n`));
  page.on('pageerror', (e) => log(`pageerror: ${e.message}\n`));
  const version = await browser.version();
  return new FirefoxDriver(browser, page, version);
}

class FirefoxDriver {
  constructor(browser, page, version) {
    this.browser = browser;
    this.page = page;
    this.version = version;
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  async reload() {
    await this.page.reload({ waitUntil: 'load' });
  }

  /** Runs `fn` (self-contained) in the page with JSON arguments; returns its JSON result. */
  async evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  /** The element `fn` returns in the page, or null. */
  async element(fn, ...args) {
    const handle = await this.page.evaluateHandle(fn, ...args);
    const el = handle.asElement();
    if (!el) await handle.dispose();
    return el;
  }

  async click(el) {
    await el.click();
  }

  /** Types `text` into the element with the keyboard. */
  async type(el, text) {
    await el.focus();
    await this.page.keyboard.type(text);
  }

  async upload(el, file) {
    await el.uploadFile(file);
  }

  async viewport(width, height) {
    await this.page.setViewport({ width, height });
  }

  /** A screenshot of the viewport, or of one element. */
  async screenshot(file, el) {
    if (el) await el.screenshot({ path: file });
    else await this.page.screenshot({ path: file });
  }

  async close() {
    await this.browser.close();
  }
}

// WebKit (Safari's engine: Debian's WebKitGTK), driven over classic WebDriver by
// selenium-webdriver through WebKitWebDriver, which starts MiniBrowser in automation mode.
// MiniBrowser needs a display (its --headless hangs): a private Xvfb. Its data (localStorage,
// the service worker and its caches) goes to a fresh folder that is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder } from 'selenium-webdriver';
import { freePort, start, stop, untilAnswers } from './processes.mjs';

export const name = 'WebKit';

const DRIVER = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
// Debian's libwebkit2gtk-4.1-0 puts it under the architecture's library folder.
const MINIBROWSER =
  process.env.MINIBROWSER ??
  fs
    .readdirSync('/usr/lib')
    .map((d) => path.join('/usr/lib', d, 'webkit2gtk-4.1/MiniBrowser'))
    .find((f) => fs.existsSync(f)) ??
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Starts Xvfb on a free display number; resolves to [child, ':N']. */
async function xvfb(log) {
  const child = start('Xvfb', ['-displayfd', '3', '-screen', '0', process.env.XVFB_SCREEN ?? '1280x2600x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    log,
  });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start in 15 s')), 15_000);
    child.stdio[3].setEncoding('utf8');
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return [child, display];
}

export async function launch({ log }) {
  for (const f of [DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: bash scripts/setup.sh --test installs it`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-webkit-'));
  const [display, displayName] = await xvfb(log);
  const port = await freePort();
  const env = {
    DISPLAY: displayName,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
  };
  const driverProcess = start(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, log });
  const cleanUp = async () => {
    await stop(driverProcess);
    await stop(display);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await untilAnswers(`http://127.0.0.1:${port}/status`);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    await driver.manage().setTimeouts({ script: 60_000, pageLoad: 60_000 });
    const caps = await driver.getCapabilities();
    const version = `${caps.get('browserName')} ${caps.get('browserVersion')}`;
    return new WebKitDriver(driver, version, cleanUp);
  } catch (e) {
    await cleanUp();
    throw e;
  }
}

const script = (fn) => `return (${fn}).apply(null, arguments);`;

class WebKitDriver {
  constructor(driver, version, cleanUp) {
    this.driver = driver;
    this.version = version;
    this.cleanUp = cleanUp;
  }

  async open(url) {
    await this.driver.get(url);
  }

  async reload() {
    await this.driver.navigate().refresh();
  }

  async evaluate(fn, ...args) {
    return this.driver.executeScript(script(fn), ...args);
  }

  async element(fn, ...args) {
    return (await this.driver.executeScript(script(fn), ...args)) ?? null;
  }

  async click(el) {
    await el.click();
  }

  async type(el, text) {
    await el.sendKeys(text);
  }

  async upload(el, file) {
    // WebDriver's way: the file's path sent as the keys of a file input.
    await el.sendKeys(file);
  }

  async viewport(width, height) {
    // The window's size; MiniBrowser's toolbar takes some of its height, none of its width.
    await this.driver.manage().window().setRect({ width, height });
  }

  /** A screenshot of the window's page, or of one element. */
  async screenshot(file, el) {
    const png = el ? await el.takeScreenshot() : await this.driver.takeScreenshot();
    fs.writeFileSync(file, Buffer.from(png, 'base64'));
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      await this.cleanUp();
    }
  }
}

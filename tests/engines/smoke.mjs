// The smoke test every engine runs, step by step, through the names docs/ux.md makes a
// contract (the same ones tests/e2e/pages/ use): open Today, log a session, import a real
// FIT file, reload, open the app offline once its service worker is installed, delete
// everything. A driver (firefox.mjs, webkit.mjs) gives the few verbs it needs.
import path from 'node:path';
import { sleep } from './processes.mjs';

const TITLE = 'Engine smoke run';
// The corpus file's run starts on this day (../shared/corpus/expect.json).
const FIT_DAY = '2020-02-02';

// In-page functions. Each is self-contained: a driver sends its source to the page.

/** The app is live: the wasm app has replaced the boot paint, on the page named `h1`. */
function live(h1) {
  const heading = document.querySelector('#app:not([hidden]) h1');
  return !document.getElementById('boot') && !!heading && heading.textContent.trim() === h1;
}

/** An element by the name docs/ux.md gives it: a navigation link, a button or a field. */
function named(kind, name) {
  const visible = (e) => !!e && e.getClientRects().length > 0;
  if (kind === 'link') {
    return [...document.querySelectorAll('nav[aria-label="Pages"] a')].find(
      (a) => a.querySelector('.label')?.textContent.trim() === name && visible(a),
    ) ?? null;
  }
  if (kind === 'button') {
    return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name && visible(b)) ?? null;
  }
  if (kind === 'field') {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(name));
    return label ? document.getElementById(label.htmlFor) : null;
  }
  return null;
}

/** Records the page's uncaught errors (a wasm panic is one) in `window.__smokeErrors`. */
function recordErrors() {
  if (window.__smokeErrors) return;
  window.__smokeErrors = [];
  window.addEventListener('error', (e) => window.__smokeErrors.push(String(e.message || e.error)));
  window.addEventListener('unhandledrejection', (e) => window.__smokeErrors.push(`unhandled rejection: ${e.reason}`));
}

function errors() {
  return window.__smokeErrors ?? [];
}

/** The app's keys in localStorage: its head `recovery-run` and its blocks `recovery-run/…`. */
function storedKeys() {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k === 'recovery-run' || k.startsWith('recovery-run/')) out.push(k);
  }
  return out.sort();
}

/** Sets a date input by script, as a date picker would (WebKitGTK's takes no typed text). */
function setDate(el, value) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return el.value;
}

/** Yesterday in the browser's own time zone, as a date input writes it. */
function yesterday() {
  const d = new Date(Date.now() - 86_400_000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Storage version 4 lays its blocks' bytes 15 bits to a character, U+0100–U+80FF
 *  (src/store/pack.rs). Whether this engine keeps every such character as it was given,
 *  and how many characters one site's localStorage takes, counted in ASCII and in those
 *  characters (keys, values and what the site already holds; issue #34). */
function packedCharacters() {
  let all = '';
  for (let c = 0x100; c <= 0x80ff; c++) all += String.fromCharCode(c);
  localStorage.setItem('rr-probe', all);
  const lossless = localStorage.getItem('rr-probe') === all;
  localStorage.removeItem('rr-probe');
  let others = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    others += k.length + localStorage.getItem(k).length;
  }
  // The longest value one more key takes, by halving.
  const capacity = (unit) => {
    const big = unit.repeat(Math.ceil(6_000_000 / unit.length));
    let lo = 0;
    let hi = big.length;
    while (lo < hi) {
      const n = Math.ceil((lo + hi) / 2);
      try {
        localStorage.setItem('q', big.slice(0, n));
        lo = n;
      } catch (e) {
        hi = n - 1;
      }
    }
    localStorage.removeItem('q');
    return lo + 1 + others;
  };
  return { lossless, ascii: capacity('x'), packed: capacity('\u4e2d\u0101\u80ff\u3000') };
}

function importReport() {
  const box = document.querySelector('.import-report [data-outcome]');
  return box ? { outcome: box.getAttribute('data-outcome'), text: box.textContent.replace(/\s+/g, ' ').trim() } : null;
}

export async function smoke(driver, { site, fitFile, shots }) {
  const steps = [];
  const page = new Page(driver);

  const failures = [];
  // A step the next ones build on: its failure ends the run. A check (`soft`) changes
  // nothing the next steps need: its failure is reported at the end, and the steps go on.
  const step = async (title, body, { soft = false } = {}) => {
    const t0 = performance.now();
    try {
      await body();
    } catch (e) {
      const shot = path.join(shots, `failed-${steps.length + failures.length + 1}.png`);
      await driver.screenshot(shot).catch(() => {});
      const errs = await driver.evaluate(errors).catch(() => []);
      e.message = `step "${title}": ${e.message}` + (errs.length ? `\n  errors in the page: ${errs.join(' | ')}` : '') + `\n  screenshot: ${shot}`;
      if (!soft) {
        if (failures.length) e.message += '\n    ' + failures.join('\n    ');
        throw e;
      }
      failures.push(e.message);
      console.log(`    FAILED  ${title}`);
      return;
    }
    const ms = performance.now() - t0;
    steps.push([title, ms]);
    console.log(`    ok  ${title} (${(ms / 1000).toFixed(1)} s)`);
  };

  await step('open Today: the app replaces the boot paint and shows the advice', async () => {
    await driver.open(site.url);
    await page.untilLive('Today');
    await page.until(() => !!document.querySelector('[data-testid="advice"]'), [], 'the advice element');
    const keys = await driver.evaluate(storedKeys);
    if (keys.length) throw new Error(`the profile is not fresh: storage holds ${keys}`);
  });

  await step(
    "localStorage keeps storage version 4's packed characters as they were, and counts them against its 5,242,880",
    async () => {
      const r = await driver.evaluate(packedCharacters);
      console.log(`      lossless ${r.lossless}; capacity ${r.ascii} ASCII, ${r.packed} packed characters`);
      if (!r.lossless) throw new Error('characters U+0100–U+80FF did not come back as they were stored');
      // Chromium and Firefox count every UTF-16 code unit once; WebKit counts bytes, one for
      // a string of Latin-1 characters and two for any other (measured: 2,621,440 packed
      // characters), so twenty years (925,448 packed characters) take 35 % there, not 18 %.
      if (r.ascii !== 5_242_880 || (r.packed !== 5_242_880 && r.packed !== 2_621_440)) {
        throw new Error(`one site holds ${r.ascii} ASCII and ${r.packed} packed characters`);
      }
    },
    { soft: true },
  );

  await step(
    "Today's check-in is there (its code is fetched once Today is painted)",
    async () => {
      await page.until(
        () => [...document.querySelectorAll('#app label')].some((l) => l.textContent.trim().startsWith('Soreness')),
        [],
        "the check-in's Soreness field",
      );
    },
    { soft: true },
  );

  await step('log a session through the Log page form', async () => {
    await page.go('Log');
    await page.click('button', 'Add session');
    const date = await page.named('field', 'Date');
    const day = await driver.evaluate(yesterday);
    const set = await driver.evaluate(setDate, date, day);
    if (set !== day) throw new Error(`the date input holds ${set}, not ${day}`);
    await driver.type(await page.named('field', 'Title'), TITLE);
    await driver.type(await page.named('field', 'Duration'), '40:00');
    await page.click('button', 'Save session');
    await page.until(
      (t, d) => [...document.querySelectorAll('ul.sessions > li:not(.week)')].some((li) => li.textContent.includes(t) && li.textContent.includes(d)),
      [TITLE, day],
      `a Log row with "${TITLE}" on ${day}`,
    );
  });

  await step('import a real FIT file through "Import file"', async () => {
    await page.go('Data');
    await driver.upload(await page.named('field', 'Import file'), fitFile);
    const report = await page.until(importReport, [], 'the import report', 60_000);
    if (report.outcome !== 'done' || !/added/.test(report.text)) {
      throw new Error(`the import report says ${report.outcome}: ${report.text}`);
    }
    await page.go('Log');
    const file = path.basename(fitFile);
    await page.until(
      (f, d) => [...document.querySelectorAll('ul.sessions > li:not(.week)')].some((li) => li.textContent.includes(f) && li.textContent.includes(d)),
      [file, FIT_DAY],
      `a Log row imported from ${file} on ${FIT_DAY}`,
    );
    await page.until(() => document.querySelectorAll('ul.sessions > li:not(.week)').length === 2, [], 'two Log rows (logged and imported)');
  });

  await step(
    'keeping the data: Today reminds to back up; the Data page says whether the browser keeps the data, and that it cannot write a backup file',
    async () => {
      await page.go('Today');
      await page.until(() => !!document.querySelector('[data-testid="backup-reminder"] button'), [], 'the backup reminder with its button');
      await page.go('Data');
      const persisted = await page.until(
        () => document.querySelector('[data-testid="storage-persistence"]')?.getAttribute('data-persisted'),
        [],
        'the storage-persistence line',
      );
      console.log(`      persistent storage: ${persisted}`);
      await page.until(() => !!document.querySelector('[data-testid="backup-file-unsupported"]'), [], 'the line saying the browser cannot write a backup file');
      await page.named('field', 'Backup passphrase');
      await page.go('Log');
    },
    { soft: true },
  );

  await step('reload: the sessions are still there', async () => {
    await driver.reload();
    await page.untilLive('Log');
    await page.until(() => document.querySelectorAll('ul.sessions > li:not(.week)').length === 2, [], 'two Log rows after the reload');
    await page.until(
      (t) => [...document.querySelectorAll('ul.sessions > li:not(.week)')].some((li) => li.textContent.includes(t)),
      [TITLE],
      `the row of "${TITLE}"`,
    );
  });

  await step('screenshots at 320 px: Today and Settings', async () => {
    for (const name of ['Today', 'Settings']) {
      const file = path.join(shots, `${name.toLowerCase()}-320.png`);
      const width = await phoneShot(driver, page, name, file);
      if (width.content > width.viewport) {
        throw new Error(`${name} scrolls sideways at ${width.viewport} px: ${width.content} px of content`);
      }
    }
  });

  await step('offline: once the service worker controls the page, the app opens with no server', async () => {
    await page.until(() => !!navigator.serviceWorker?.controller, [], 'the service worker in control', 90_000);
    await site.stop();
    await driver.open(site.url);
    await page.untilLive('Today');
    await page.until(() => !!document.querySelector('[data-testid="advice"]'), [], 'the advice element, offline');
    await page.go('Log');
    await page.until(() => document.querySelectorAll('ul.sessions > li:not(.week)').length === 2, [], 'two Log rows, offline');
  });

  await step('delete everything: the app keeps working, the Log is empty, storage holds nothing of it', async () => {
    await page.go('Data');
    await page.click('button', 'Delete all data…');
    await page.click('button', 'Delete everything');
    // The page asks again only once the deletion is done.
    await page.named('button', 'Delete all data…');
    await page.go('Log');
    await page.until(() => document.querySelectorAll('ul.sessions > li:not(.week)').length === 0, [], 'an empty Log');
    await page.go('Today');
    await page.until(() => !!document.querySelector('[data-testid="advice"]'), [], 'the advice element after the deletion');
    const keys = await driver.evaluate(storedKeys);
    if (keys.length) throw new Error(`localStorage still holds ${keys.join(', ')}`);
    const errs = await driver.evaluate(errors);
    if (errs.length) throw new Error(`errors in the page: ${errs.join(' | ')}`);
  });

  if (failures.length) throw new Error(failures.join('\n    '));
  return steps;
}

/**
 * A screenshot of page `name`, whole, with a layout viewport 320 px wide (a small phone).
 * Where the window cannot be that narrow (MiniBrowser's toolbar keeps it 447 px wide), the
 * page is shown in a 320 px iframe of the same origin over the app instead (the same
 * storage; its media queries see 320 px), and the screenshot has the rest of the window
 * beside it. Returns the layout viewport's width and the content's.
 */
async function phoneShot(driver, page, name, file) {
  const WIDTH = 320;
  await driver.viewport(WIDTH, 900);
  if ((await driver.evaluate(() => window.innerWidth)) === WIDTH) {
    await page.go(name);
    await sleep(2_000); // the parts of the page built after its first paint
    // As tall as the page, so that the tab bar sits at its foot and nothing scrolls.
    const height = await driver.evaluate(() => document.documentElement.scrollHeight);
    await driver.viewport(WIDTH, Math.min(height, 4000));
    await sleep(300); // the last frame painted
    await driver.screenshot(file);
    const [viewport, content] = await driver.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
    await driver.viewport(1280, 900);
    return { viewport, content };
  }
  await driver.viewport(WIDTH, 2500);
  const hash = name === 'Today' ? '#/' : `#/${name.toLowerCase()}`;
  await driver.evaluate((w, h) => {
    const cover = document.createElement('div');
    cover.id = 'phone-cover';
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483646;background:#fff';
    const frame = document.createElement('iframe');
    frame.id = 'phone';
    frame.src = location.href.split('#')[0] + h;
    frame.style.cssText = `position:fixed;left:0;top:0;z-index:2147483647;width:${w}px;height:900px;border:0`;
    document.body.append(cover, frame);
  }, WIDTH, hash);
  await page.until(
    (h1) => {
      const d = document.getElementById('phone')?.contentDocument;
      const heading = d?.querySelector('#app:not([hidden]) h1');
      return !!d && !d.getElementById('boot') && heading?.textContent.trim() === h1;
    },
    [name],
    `${name} in a ${WIDTH} px frame`,
  );
  await sleep(2_000); // the parts of the page built after its first paint
  const size = await driver.evaluate(() => {
    const frame = document.getElementById('phone');
    const d = frame.contentDocument;
    frame.style.height = `${Math.min(d.documentElement.scrollHeight, window.innerHeight)}px`;
    return { viewport: frame.contentWindow.innerWidth, content: d.documentElement.scrollWidth };
  });
  await sleep(300);
  await driver.screenshot(file);
  await driver.evaluate(() => {
    document.getElementById('phone').remove();
    document.getElementById('phone-cover').remove();
  });
  await driver.viewport(1280, 900);
  return size;
}

/** Waiting and finding, the same way in every engine: polling the page. */
class Page {
  constructor(driver) {
    this.driver = driver;
  }

  /** Resolves to `fn(...args)`'s value in the page once it is truthy. */
  async until(fn, args, what, ms = 30_000) {
    const end = Date.now() + ms;
    let last;
    for (;;) {
      try {
        const value = await this.driver.evaluate(fn, ...args);
        if (value) return value;
        last = JSON.stringify(value);
      } catch (e) {
        last = e.message; // a page being replaced, for one
      }
      if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what} (last: ${last})`);
      await sleep(100);
    }
  }

  async untilLive(h1) {
    await this.until(live, [h1], `the live app on ${h1}`, 60_000);
    await this.driver.evaluate(recordErrors);
  }

  async named(kind, name, ms = 30_000) {
    const end = Date.now() + ms;
    for (;;) {
      const el = await this.driver.element(named, kind, name).catch(() => null);
      if (el) return el;
      if (Date.now() > end) throw new Error(`no ${kind} named "${name}" in ${ms / 1000} s`);
      await sleep(100);
    }
  }

  async click(kind, name) {
    await this.driver.click(await this.named(kind, name));
  }

  /** Follows a navigation link and waits for its page. */
  async go(name) {
    await this.click('link', name);
    await this.until(live, [name], `the ${name} page`);
  }
}

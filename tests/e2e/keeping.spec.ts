import { test, expect, Page, BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppFrame } from './pages/app';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';
import { TodayPage } from './pages/today';

// Issue #34: never lose a runner's years. Persistent storage asked for once there is data,
// and said on the Data page (Safari's 7-day rule on iPhone outside the Home Screen); a
// reminder to back up on Today; the backup file written after changes and merged both ways
// between two devices (the File System Access picker replaced by a test double); encrypted
// backups; the warning at 80 % full; twenty years in storage.

const ROOT = path.join(__dirname, '../..');

/** A day `n` days before today, as the app writes dates. */
function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** navigator.storage.persist/persisted as a browser that grants (or not) persistent storage,
 *  counting the requests in `window.__persistCalls`. */
function fakePersistence(grant: boolean) {
  let granted = false;
  (window as any).__persistCalls = 0;
  const storage = navigator.storage as any;
  storage.persist = async () => {
    (window as any).__persistCalls++;
    granted = grant;
    return granted;
  };
  storage.persisted = async () => granted;
}

/** A test double of the File System Access API's save picker: the chosen "file" lives in
 *  `window.__file` (its text and a version, as `lastModified`), and starts as `initial`. */
function fakeFilePicker(initial: string) {
  const w = window as any;
  w.__file = { text: initial, version: 1, writes: 0 };
  w.showSaveFilePicker = async (options: any) => ({
    name: (options && options.suggestedName) || 'backup.json',
    async getFile() {
      return new File([w.__file.text], 'backup.json', { lastModified: w.__file.version });
    },
    async createWritable() {
      let text = '';
      return {
        async write(chunk: string) {
          text += chunk;
        },
        async close() {
          w.__file = { text, version: w.__file.version + 1, writes: w.__file.writes + 1 };
        },
      };
    },
  });
}

async function fileText(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).__file.text);
}

test.describe('asks to be kept', () => {
  test('persistent storage is asked for once there is data, and the Data page says it is kept', async ({ page }) => {
    test.setTimeout(45_000);
    await page.addInitScript(fakePersistence, true);
    const app = new AppFrame(page);
    await app.open();
    // Nothing stored yet: nothing asked.
    await page.waitForTimeout(8_000);
    expect(await page.evaluate(() => (window as any).__persistCalls)).toBe(0);
    const log = new LogPage(page);
    await log.goto();
    await log.add({ Title: 'First run', Duration: '30:00' });
    await expect(log.entry('First run')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as any).__persistCalls), { timeout: 10_000 }).toBe(1);
    const data = new DataPage(page);
    await data.goto();
    await expect(data.persistence()).toHaveAttribute('data-persisted', 'true');
    await expect(data.persistence()).toContainText('keeps your data');
    await expect(data.iosNote()).toHaveCount(0);
  });

  test('a browser that does not grant it is said to be able to clear the data', async ({ page }) => {
    await page.addInitScript(fakePersistence, false);
    const data = new DataPage(page);
    await data.open('#/data');
    await expect(data.persistence()).toHaveAttribute('data-persisted', 'false');
    await expect(data.persistence()).toContainText('may clear your data');
  });
});

test.describe('on an iPhone, in Safari', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    viewport: { width: 320, height: 640 },
  });

  test('the Data page says Safari may delete the data after 7 days, and how to add the app to the Home Screen', async ({ page }) => {
    await page.addInitScript(fakePersistence, false);
    // Safari has no File System Access API.
    await page.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
    const data = new DataPage(page);
    await data.open('#/data');
    await expect(data.iosNote()).toContainText('7 days without a visit');
    await expect(data.iosNote()).toContainText('Add to Home Screen');
    await expect(data.persistence()).toHaveAttribute('data-persisted', 'false');
    // Without the File System Access API (Safari): export on one device, import on the other.
    await expect(page.getByTestId('backup-file-unsupported')).toBeVisible();
    await expect(page.locator('.keeping')).toContainText('import it on the other');
    await page.locator('.keeping').screenshot({ path: 'test-results/keeping-iphone-320.png' });
  });
});

test.describe('backups that happen', () => {
  test('Today reminds to back up once there is data no backup holds; one tap exports and the reminder goes', async ({ page }) => {
    const today = new TodayPage(page);
    await today.open();
    await expect(page.locator('.checkin')).toBeVisible();
    // Nothing logged: no reminder.
    await expect(today.backupReminder()).toHaveCount(0);
    const log = new LogPage(page);
    await log.goto();
    await log.add({ Title: 'Reminder run', Duration: '30:00' });
    await today.goto();
    await expect(today.backupReminder()).toContainText('no backup has been made yet');
    const { name, text } = await today.exportFromReminder();
    expect(name).toMatch(/^recovery-run-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(text).sessions[0].title).toBe('Reminder run');
    await expect(today.backupReminder()).toHaveCount(0);
    // A new session: the backup is recent, so no reminder yet.
    await log.goto();
    await log.add({ Title: 'After the backup', Duration: '20:00' });
    await today.goto();
    await expect(page.locator('.checkin')).toBeVisible();
    await expect(today.backupReminder()).toHaveCount(0);
    await page.reload();
    await expect(page.locator('.checkin')).toBeVisible();
    await expect(today.backupReminder()).toHaveCount(0);
  });

  test('a backup over 14 days old with data it does not hold is reminded of', async ({ page }) => {
    const app = new AppFrame(page);
    const old = daysAgo(20);
    await app.seedStorage(
      JSON.stringify({
        schema: 1,
        data: {
          sessions: [{ id: 'a', date: daysAgo(1), sport: 'run', duration_s: 1800, title: 'Yesterday' }],
          settings: { last_backup: old },
        },
      }),
    );
    const today = new TodayPage(page);
    await app.open();
    await expect(today.backupReminder()).toContainText(`20 days ago (${old})`);
    await today.exportFromReminder();
    await expect(today.backupReminder()).toHaveCount(0);
    const data = new DataPage(page);
    await data.goto();
    await expect(page.getByText(/^Last backup: \d{4}-\d{2}-\d{2}\.$/)).toHaveText(`Last backup: ${daysAgo(0)}.`);
  });

  test('the chosen backup file is written after every change, and says when', async ({ page }) => {
    test.setTimeout(45_000);
    await page.addInitScript(fakeFilePicker, '');
    const data = new DataPage(page);
    await data.open('#/log');
    const log = new LogPage(page);
    await log.add({ Title: 'Before the file', Duration: '30:00' });
    await data.goto();
    await data.chooseFileButton().click();
    await expect(data.backupFile()).toHaveAttribute('data-written', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(data.backupFile()).toContainText('recovery-run-backup.json');
    expect(JSON.parse(await fileText(page)).sessions.map((s: any) => s.title)).toEqual(['Before the file']);
    // The file is a backup: Today no longer reminds.
    // A change is written a moment later, without a tap.
    await log.goto();
    await log.add({ Title: 'After the file', Duration: '25:00' });
    await expect.poll(async () => (await fileText(page)).includes('After the file'), { timeout: 10_000 }).toBe(true);
    const today = new TodayPage(page);
    await today.goto();
    await expect(page.locator('.checkin')).toBeVisible();
    await expect(today.backupReminder()).toHaveCount(0);
    // Stop writing it.
    await data.goto();
    await page.getByRole('button', { name: 'Stop writing to the backup file' }).click();
    await expect(data.chooseFileButton()).toBeVisible();
  });
});

test.describe('between two devices', () => {
  /** A device: a context of its own (its own localStorage), with the fake picker. */
  async function device(browser: any, file: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx: BrowserContext = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(fakeFilePicker, file);
    return { ctx, page };
  }

  test('the same file, chosen on both, merges both ways', async ({ browser }) => {
    test.setTimeout(60_000);
    const phone = await device(browser, '');
    await new AppFrame(phone.page).open('#/log');
    await new LogPage(phone.page).add({ Title: 'Phone run', Duration: '30:00' });
    const phoneData = new DataPage(phone.page);
    await phoneData.goto();
    await phoneData.chooseFileButton().click();
    await expect(phoneData.backupFile()).toHaveAttribute('data-written', /./);
    const written = await fileText(phone.page);

    // The laptop has a session of its own; the synced folder brings it the phone's file.
    const laptop = await device(browser, written);
    await new AppFrame(laptop.page).open('#/log');
    const laptopLog = new LogPage(laptop.page);
    await laptopLog.add({ Title: 'Laptop ride', Duration: '45:00', Sport: 'ride' });
    const laptopData = new DataPage(laptop.page);
    await laptopData.goto();
    await laptopData.chooseFileButton().click();
    await expect(laptopData.backupFile()).toHaveAttribute('data-written', /./);
    await expect(laptop.page.getByRole('status').filter({ hasText: 'Merged from' })).toContainText('1 session');
    await laptopLog.goto();
    await expect(laptopLog.entry('Phone run')).toBeVisible();
    await expect(laptopLog.entry('Laptop ride')).toBeVisible();
    const both = await fileText(laptop.page);
    expect(both).toContain('Laptop ride');

    // The folder brings the laptop's file back to the phone; the phone reads it when it
    // comes to the foreground again.
    await phone.page.evaluate((text) => {
      (window as any).__file = { text, version: 100, writes: 0 };
      document.dispatchEvent(new Event('visibilitychange'));
    }, both);
    const phoneLog = new LogPage(phone.page);
    await phoneLog.goto();
    await expect(phoneLog.entry('Laptop ride')).toBeVisible({ timeout: 10_000 });
    await expect(phoneLog.entry('Phone run')).toBeVisible();
    await phone.ctx.close();
    await laptop.ctx.close();
  });
});

test.describe('encrypted backups', () => {
  test('with a passphrase the backup holds no text in the clear; importing asks for it, and a wrong one imports nothing', async ({ page }) => {
    test.setTimeout(60_000);
    const data = new DataPage(page);
    await data.open('#/log');
    const log = new LogPage(page);
    await log.add({ Title: 'Secret hill repeats', Duration: '50:00' });
    await data.goto();
    await data.passphrase().fill('blue-heron-42');
    const { text } = await data.download('Export backup (JSON)');
    const envelope = JSON.parse(text);
    expect(envelope.format).toBe('recovery-run-backup-encrypted');
    expect(envelope.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600000 });
    expect(envelope.cipher.name).toBe('AES-GCM');
    expect(text).not.toContain('Secret hill repeats');
    expect(text).not.toContain('"sessions"');

    await data.deleteAll();
    await expect(data.passphrase()).toHaveValue('');
    await data.chooseForImport('backup.json', text);
    await expect(data.decryptPrompt()).toBeVisible();
    await data.importPassphrase().fill('blue-heron-41');
    await data.decryptButton().click();
    await expect(data.decryptPrompt()).toContainText('The passphrase is wrong', { timeout: 15_000 });
    await log.goto();
    await expect(log.entry('Secret hill repeats')).toHaveCount(0);
    await data.goto();
    await data.importPassphrase().fill('blue-heron-42');
    await data.decryptButton().click();
    await expect(data.decryptPrompt()).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('.import-report')).toContainText('Sessions: 1 added');
    await log.goto();
    await expect(log.entry('Secret hill repeats')).toBeVisible();
  });

  test('the test vector of docs/formats.md §1.2 decrypts through WebCrypto', async ({ page }) => {
    test.setTimeout(45_000);
    const data = new DataPage(page);
    await data.open('#/data');
    await data.chooseForImport('vector.json', fs.readFileSync(path.join(ROOT, 'tests/fixtures/backup-encrypted-v1.json')));
    await data.importPassphrase().fill('correct horse battery staple');
    await data.decryptButton().click();
    await expect(page.locator('.import-report')).toContainText('Sessions: 1 added', { timeout: 15_000 });
    const log = new LogPage(page);
    await log.goto();
    await expect(log.entry('Test vector run')).toBeVisible();
  });
});

test.describe('room for twenty years', () => {
  test("localStorage keeps storage version 4's packed characters, one each against its 5,242,880", async ({ page }) => {
    await page.goto('manifest.webmanifest');
    const r = await page.evaluate(() => {
      let all = '';
      for (let c = 0x100; c <= 0x80ff; c++) all += String.fromCharCode(c);
      localStorage.setItem('rr-probe', all);
      const lossless = localStorage.getItem('rr-probe') === all;
      localStorage.removeItem('rr-probe');
      const capacity = (unit: string) => {
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
        return lo + 1;
      };
      return { lossless, ascii: capacity('x'), packed: capacity('\u4e2d\u0101\u80ff\u3000') };
    });
    expect(r).toEqual({ lossless: true, ascii: 5_242_880, packed: 5_242_880 });
  });

  test('storage 80 % full is warned about, with what to do, on Today and the Data page', async ({ page }) => {
    // Another key of this site fills 4.3 M of the 5,242,880 characters.
    await page.addInitScript(() => {
      if (!localStorage.getItem('filler')) localStorage.setItem('filler', 'x'.repeat(4_300_000));
    });
    const today = new TodayPage(page);
    await today.open();
    await expect(today.storageWarning()).toContainText('82 % full');
    await expect(today.storageWarning()).toContainText('export a backup');
    const data = new DataPage(page);
    await data.goto();
    await expect(data.storageWarning()).toContainText('82 % full');
  });

  test('twenty years of a two-a-day triathlete open, in at most 60 % of localStorage', async ({ page }) => {
    test.setTimeout(120_000);
    const keys: Record<string, string> = JSON.parse(
      execFileSync('cargo', ['run', '--quiet', '--example', 'twenty_years'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 256 << 20,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    await page.goto('manifest.webmanifest');
    const used = await page.evaluate((keys) => {
      for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v);
      let n = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        n += k.length + localStorage.getItem(k)!.length;
      }
      return n;
    }, keys);
    expect(used).toBeLessThanOrEqual(0.6 * 5_242_880);
    const today = new TodayPage(page);
    await today.open();
    await expect(today.advice()).toBeVisible();
    const data = new DataPage(page);
    await data.goto();
    await expect(page.locator('.card', { hasText: 'Storage' }).last()).toContainText('14600 sessions and 7300 check-ins');
    const log = new LogPage(page);
    await log.goto();
    await log.add({ Title: 'Year twenty-one', Duration: '30:00' });
    await expect(log.entry('Year twenty-one')).toBeVisible();
    await page.reload();
    await log.goto();
    await expect(log.entry('Year twenty-one')).toBeVisible();
  });
});

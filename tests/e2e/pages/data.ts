import { Page, Locator, expect } from '@playwright/test';
import { AppFrame } from './app';

/** The Data page: import, export, storage. */
export class DataPage extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.link('Data').click();
    await expect(this.heading()).toHaveText('Data');
  }

  importInput(): Locator {
    return this.page.getByLabel('Import file');
  }

  report(): Locator {
    return this.page.getByRole('status').filter({ hasText: /./ }).first();
  }

  /** Imports one file given as text (or bytes) and returns the report's text. */
  async importText(name: string, content: string | Buffer, mimeType = 'application/octet-stream') {
    await this.goto();
    await this.importInput().setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    await expect(this.page.locator('.import-report li').first()).toBeVisible();
    return (await this.page.locator('.import-report').textContent()) ?? '';
  }

  exportButton(what: 'Export backup (JSON)' | 'Export sessions (CSV)' | 'Export performance chart (CSV)' | 'Export check-ins (CSV)'): Locator {
    return this.page.getByRole('button', { name: what }).first();
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async download(what: 'Export backup (JSON)' | 'Export sessions (CSV)' | 'Export performance chart (CSV)' | 'Export check-ins (CSV)') {
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.exportButton(what).click()]);
    const path = await dl.path();
    const fs = await import('node:fs');
    return { name: dl.suggestedFilename(), text: fs.readFileSync(path!, 'utf8') };
  }

  /** The line saying whether the browser keeps the data (`data-persisted`). */
  persistence(): Locator {
    return this.page.getByTestId('storage-persistence');
  }

  /** Safari's 7-day rule, on iPhone and iPad outside the Home Screen. */
  iosNote(): Locator {
    return this.page.getByTestId('ios-storage');
  }

  storageWarning(): Locator {
    return this.page.getByTestId('storage-warning');
  }

  passphrase(): Locator {
    return this.page.getByLabel('Backup passphrase', { exact: true });
  }

  chooseFileButton(): Locator {
    return this.page.getByRole('button', { name: 'Choose backup file…' });
  }

  /** The backup file's line (`data-file`, `data-written`). */
  backupFile(): Locator {
    return this.page.getByTestId('backup-file');
  }

  /** The prompt for an encrypted backup's passphrase, and its parts. */
  decryptPrompt(): Locator {
    return this.page.getByTestId('decrypt');
  }

  importPassphrase(): Locator {
    return this.page.getByLabel('Passphrase', { exact: true });
  }

  decryptButton(): Locator {
    return this.page.getByRole('button', { name: 'Decrypt and import' });
  }

  /** Chooses a file for import without waiting for a report (an encrypted one asks first). */
  async chooseForImport(name: string, content: string | Buffer) {
    await this.goto();
    await this.importInput().setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  }

  /** Deletes everything, confirmed. */
  async deleteAll() {
    await this.goto();
    await this.page.getByRole('button', { name: 'Delete all data…' }).click();
    await this.page.getByRole('button', { name: 'Delete everything' }).click();
  }
}

import { Page, Locator, expect } from '@playwright/test';
import { AppFrame } from './app';

/** The Today page: the advice card, the check-in and the load tiles. */
export class TodayPage extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.link('Today').click();
    await expect(this.heading()).toHaveText('Today');
  }

  advice(): Locator {
    return this.page.getByTestId('advice');
  }

  async kind(): Promise<string | null> {
    return this.advice().getAttribute('data-kind');
  }

  async rules(): Promise<string[]> {
    return ((await this.advice().getAttribute('data-rules')) ?? '').split(' ').filter(Boolean);
  }

  soreness(): Locator {
    return this.page.getByLabel(/^Soreness/);
  }

  pain(): Locator {
    return this.page.getByLabel('Pain (not just soreness)');
  }

  sick(): Locator {
    return this.page.getByLabel(/^Sick/);
  }

  injured(): Locator {
    return this.page.getByLabel(/^Injured/);
  }

  hrv(): Locator {
    return this.page.getByLabel('Morning HRV (rMSSD, ms)');
  }

  loadBudget(): Locator {
    return this.page.getByTestId('load-budget');
  }

  acwr(): Locator {
    return this.page.getByTestId('acwr');
  }

  monotony(): Locator {
    return this.page.getByTestId('monotony');
  }

  /** The reminder to back up (issue #34), and its one button. */
  backupReminder(): Locator {
    return this.page.getByTestId('backup-reminder');
  }

  async exportFromReminder() {
    const [dl] = await Promise.all([
      this.page.waitForEvent('download'),
      this.backupReminder().getByRole('button', { name: 'Export backup (JSON)' }).click(),
    ]);
    const fs = await import('node:fs');
    return { name: dl.suggestedFilename(), text: fs.readFileSync((await dl.path())!, 'utf8') };
  }

  storageWarning(): Locator {
    return this.page.getByTestId('storage-warning');
  }
}

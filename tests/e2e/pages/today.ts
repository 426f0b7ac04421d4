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
}

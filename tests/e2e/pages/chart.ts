import { Page, Locator, expect } from '@playwright/test';
import { AppFrame } from './app';

/** The Chart page. */
export class ChartPage extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.link('Chart').click();
    await expect(this.heading()).toHaveText('Chart');
  }

  range(label: '6 weeks' | '3 months' | '1 year' | 'All'): Locator {
    return this.page.getByRole('group', { name: 'Range' }).getByRole('button', { name: label });
  }

  plot(): Locator {
    return this.page.getByRole('img', { name: /Performance chart/ });
  }

  details(): Locator {
    return this.page.locator('.day-details');
  }

  summary(): Locator {
    return this.page.locator('#chart-summary');
  }

  tableRows(): Locator {
    return this.page.locator('.table-wrap tbody tr');
  }
}

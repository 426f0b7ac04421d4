import { test, expect } from '@playwright/test';
import { LogPage } from './pages/log';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-03-12T09:00:00'));
});

test('adding a session shows live TSS and puts it at the top of the log', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await page.getByRole('button', { name: 'Add session' }).click();
  await expect(log.field('Date')).toHaveValue('2026-03-12');
  await log.fill({ Title: 'Tempo', Duration: '1:00:00', 'Effort (RPE 1–10)': '7' });
  // RPE 7 maps to an IF near threshold: an hour of it is close to, and under, 100 TSS.
  await expect(log.liveTss()).toContainText('from effort');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(log.entries().first()).toContainText('Tempo');
  await expect(log.entries().first()).toContainText('TSS');
  // The form is gone and the focus is back where it started, for the next entry.
  await expect(page.getByRole('button', { name: 'Add session' })).toBeFocused();
});

test('a bad field keeps what was typed and says what is wrong', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await page.getByRole('button', { name: 'Add session' }).click();
  await log.fill({ Duration: 'an hour', 'Average HR (bpm)': '300' });
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(log.field('Duration')).toHaveValue('an hour');
  await expect(log.field('Duration')).toHaveAttribute('aria-invalid', 'true');
  await expect(log.field('Average HR (bpm)')).toHaveAttribute('aria-invalid', 'true');
  await expect(log.entries()).toHaveCount(0);
});

test('edit, then delete with undo', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Easy', Duration: '40:00' });
  await log.entry('Easy').getByRole('button', { name: 'Edit' }).click();
  await log.field('Title').fill('Easy with strides');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(log.entry('Easy with strides')).toBeVisible();
  await log.entry('Easy with strides').getByRole('button', { name: 'Delete' }).click();
  await expect(log.entries()).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(log.entry('Easy with strides')).toBeVisible();
  await page.reload();
  await expect(log.entry('Easy with strides')).toBeVisible();
});

test('a recovery run over 30 minutes is flagged R3', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Shakeout', Intent: 'recovery', Duration: '50:00' });
  await expect(log.entry('Shakeout')).toContainText('R3');
});

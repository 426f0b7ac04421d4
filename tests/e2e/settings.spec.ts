import { test, expect } from '@playwright/test';
import { SettingsPage } from './pages/settings';
import { LogPage } from './pages/log';

test('units round trip: switching to miles shows the log in miles', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Ten k', Duration: '50:00', 'Distance (km)': '10' });
  await expect(log.entry('Ten k')).toContainText('10.0 km');
  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.field('Units').selectOption('imperial');
  await log.goto();
  // 10 km = 6.21 mi; 5:00 /km = 8:03 /mi (1 mi = 1.609344 km).
  await expect(log.entry('Ten k')).toContainText('6.21 mi');
  await expect(log.entry('Ten k')).toContainText('8:03 /mi');
  await page.reload();
  await expect(log.entry('Ten k')).toContainText('6.21 mi');
});

test('thresholds show zones, and a bad value keeps its text with a message', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open('#/settings');
  await settings.set(/^Threshold heart rate/, '168');
  // Friel: Z2 is 85–89 % of LTHR → 143–149 bpm for 168.
  await expect(page.locator('.zones tr', { hasText: 'Z2' })).toContainText('143 bpm');
  await expect(page.locator('.zones tr', { hasText: 'Z2' })).toContainText('149 bpm');
  await settings.set(/^Max heart rate/, '300');
  await expect(settings.field(/^Max heart rate/)).toHaveValue('300');
  await expect(settings.field(/^Max heart rate/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#maxhr-error')).toContainText('25 to 250');
  await page.reload();
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('168');
  await expect(settings.field(/^Max heart rate/)).toHaveValue('');
});

test('the theme can be set by hand', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open('#/settings');
  await settings.field('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
});

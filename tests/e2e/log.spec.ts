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

test('the undo of a delete survives leaving the Log, until another change is made', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Hills', Duration: '45:00' });
  await log.add({ Title: 'Long run', Duration: '1:30:00' });
  await log.entry('Hills').getByRole('button', { name: 'Delete' }).click();
  await expect(log.entries()).toHaveCount(1);
  // Away to Today and back (issue #17): the offer is still there.
  await log.link('Today').click();
  await expect(log.heading()).toHaveText('Today');
  await log.goto();
  await log.undo().click();
  await expect(log.entry('Hills')).toBeVisible();
  await expect(log.undo()).toHaveCount(0);

  // Another change ends the offer: it would otherwise undo something older than that change.
  await log.entry('Hills').getByRole('button', { name: 'Delete' }).click();
  await expect(log.undo()).toBeVisible();
  await log.add({ Title: 'Easy', Duration: '30:00' });
  await expect(log.undo()).toHaveCount(0);
  await page.reload();
  await expect(log.entry('Easy')).toBeVisible();
  await expect(log.entry('Hills')).toHaveCount(0);
});

test('a recovery run over 30 minutes is flagged R3', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Shakeout', Intent: 'recovery', Duration: '50:00' });
  await expect(log.entry('Shakeout')).toContainText('R3');
});

test('on a phone: weeks with their totals, edit where the session is, undo in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const log = new LogPage(page);
  await log.open('#/log');
  // Ten runs of 30 min and 6 km over two weeks (Thu 2026-03-12 is today): by hand, the
  // week of Mon 03-09 holds 4 (03-09 … 03-12): 24.0 km, 2:00:00; the week before holds 6.
  const days = ['2026-03-12', '2026-03-11', '2026-03-10', '2026-03-09', '2026-03-08', '2026-03-07', '2026-03-06', '2026-03-05', '2026-03-04', '2026-03-03'];
  for (const [i, date] of days.entries()) {
    await log.add({ Date: date, Title: `Run ${i + 1}`, Duration: '30:00', Distance: '6', 'Effort (RPE 1–10)': '4' });
  }
  await expect(log.entries()).toHaveCount(10);
  const week = page.locator('ul.sessions > li.week').first();
  await expect(week).toContainText('Week of Mon 2026-03-09');
  await expect(week).toContainText('4 sessions · 24.0 km · 2:00:00');
  await expect(page.locator('ul.sessions > li.week').nth(1)).toContainText('6 sessions · 36.0 km · 3:00:00');

  // Edit the last card: the form opens in it, in view, not at the top of the list.
  const last = log.entry('Run 10');
  await last.getByRole('button', { name: 'Edit' }).click();
  await expect(log.field('Title')).toBeInViewport();
  await expect(last.getByLabel('Title')).toHaveValue('Run 10');
  await page.getByRole('button', { name: 'Save session' }).click();

  // Delete it, down there: the undo is in view without scrolling up.
  await log.entry('Run 9').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeInViewport();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(log.entries()).toHaveCount(10);
  // No horizontal scrolling at 390 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a past day’s check-in is edited from the Log and kept after a reload (#19)', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await expect(page.getByRole('heading', { name: 'Check-ins' })).toBeVisible();
  // Yesterday (today is Thu 2026-03-12) has no check-in yet.
  await expect(log.checkIn('2026-03-11')).toContainText('no check-in');
  let yesterday = await log.openCheckIn('2026-03-11');
  await yesterday.getByLabel(/^Sick/).check();
  await yesterday.getByLabel('Sleep (hours)').fill('6.5');
  await yesterday.getByLabel('Sleep (hours)').blur();
  await expect(log.checkIn('2026-03-11').locator('summary')).toContainText('sick, sleep 6.5 h');
  // The same validation as Today's form.
  await yesterday.getByLabel('Resting HR (bpm)').fill('500');
  await yesterday.getByLabel('Resting HR (bpm)').blur();
  await expect(yesterday.getByLabel('Resting HR (bpm)')).toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(log.checkIn('2026-03-11').locator('summary')).toContainText('sick, sleep 6.5 h');
  yesterday = await log.openCheckIn('2026-03-11');
  await expect(yesterday.getByLabel(/^Sick/)).toBeChecked();
  await expect(yesterday.getByLabel('Sleep (hours)')).toHaveValue('6.5');
  // Today's check-in is a day of its own: still empty.
  await log.link('Today').click();
  await expect(page.getByLabel(/^Sick/)).not.toBeChecked();
});

test('on a narrow phone the Log’s checkboxes stay at least 24 × 24 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const log = new LogPage(page);
  await log.open('#/log');
  const day = await log.openCheckIn('2026-03-11');
  const boxes = day.locator('input[type="checkbox"]');
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) {
    const b = (await box.boundingBox())!;
    expect(b.width).toBeGreaterThanOrEqual(24);
    expect(b.height).toBeGreaterThanOrEqual(24);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

// Issue #30: an implausible estimate (over 225 TSS an hour) does not count until the runner
// confirms it or picks another method; the row says so and offers both.
test('an implausible estimate is not counted until "Count it", or another method is picked', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/settings');
  // A first threshold pace, 4:00 /km (a profile without thresholds: saved for every day).
  await log.field('Threshold pace (min/km)').fill('4:00');
  await log.field('Threshold pace (min/km)').press('Tab');
  await log.goto();
  // 2.3 km in 5 minutes (a slip for 25): IF = 240 / 130.4 = 1.84, 28 TSS, 339 an hour.
  await log.add({ Title: 'Slip', Duration: '5:00', 'Distance (km)': '2.3' });
  const row = log.entry('Slip');
  await expect(row).toContainText('implausible');
  await expect(row).toContainText('(not counted)');
  await expect(row).toContainText('not counted in your fitness, fatigue or advice');
  // Not in the week's total: 1 session · 0 TSS.
  await expect(page.locator('ul.sessions > li.week').first()).toContainText(/ 0 TSS/);

  await row.getByRole('button', { name: /^Count it/ }).click();
  await expect(row).toContainText('(your choice)');
  await expect(row).not.toContainText('(not counted)');
  await expect(row.getByRole('button', { name: /^Count it/ })).toHaveCount(0);
  await expect(page.locator('ul.sessions > li.week').first()).toContainText(/ 28 TSS/);

  // Another one, scored by typing the TSS instead.
  await log.add({ Title: 'Slip two', Duration: '5:00', 'Distance (km)': '2.3' });
  const two = log.entry('Slip two');
  await expect(two).toContainText('(not counted)');
  await two.getByRole('button', { name: /^Pick another method/ }).click();
  await log.field('TSS (if known)').fill('6');
  await log.field('TSS method').selectOption('given');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(log.entry('Slip two')).toContainText('6 TSS · given');
  await expect(log.entry('Slip two')).not.toContainText('implausible');
});

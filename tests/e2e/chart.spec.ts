import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ChartPage } from './pages/chart';
import { DataPage } from './pages/data';

test.beforeEach(async ({ page }) => {
  // The demo backup (scripts/make_backup.py) ends on 2026-03-12 and plans a race 10 days on.
  await page.clock.setFixedTime(new Date('2026-03-12T09:00:00'));
  const data = new DataPage(page);
  await data.open();
  const demo = fs.readFileSync(path.join(__dirname, '../../docs/demo-backup.json'), 'utf8');
  await data.importText('demo-backup.json', demo, 'application/json');
});

test('the range switch changes the days shown and the table', async ({ page }) => {
  const chart = new ChartPage(page);
  await chart.goto();
  await expect(chart.range('6 weeks')).toHaveAttribute('aria-pressed', 'true');
  await expect(chart.summary()).toContainText('Over the last 6 weeks');
  await page.getByText('Table', { exact: true }).click();
  await expect(chart.tableRows()).toHaveCount(42);
  await chart.range('All').click();
  await expect(chart.range('All')).toHaveAttribute('aria-pressed', 'true');
  // The demo's 84 days start on Friday 2025-12-19, a rest day: the chart starts at the
  // first logged day, 2025-12-20, so it holds 83 days up to today.
  await expect(chart.summary()).toContainText('Since 2025-12-20');
  await expect(chart.tableRows()).toHaveCount(83);
});

test('a tap or the arrow keys show one day’s numbers', async ({ page }) => {
  const chart = new ChartPage(page);
  await chart.goto();
  const box = (await chart.plot().boundingBox())!;
  await chart.plot().click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  await expect(chart.details()).toContainText('Fitness (CTL)');
  await chart.plot().focus();
  await page.keyboard.press('End');
  // The last point is the end of the projection the 6-week view draws: the race planned
  // 10 days after today (issue #17: no longer 4 weeks of empty projection).
  await expect(chart.details()).toContainText('Sun 2026-03-22 (projected)');
  await page.keyboard.press('ArrowLeft');
  await expect(chart.details()).toContainText('Sat 2026-03-21');
  // Today's row in the table matches the Today page's form tile.
  await page.getByText('Table', { exact: true }).click();
  const todayRow = chart.tableRows().first();
  await expect(todayRow).toContainText('2026-03-12');
});

test('hovering the chart with a mouse shows the day under the pointer', async ({ page }) => {
  const chart = new ChartPage(page);
  await chart.goto();
  await expect(chart.details()).not.toContainText('Fitness (CTL)');
  const box = (await chart.plot().boundingBox())!;
  // No button pressed: a plain hover, as on a desktop.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(chart.details()).toContainText('Fitness (CTL)');
  const first = await chart.details().textContent();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 4 });
  await expect(chart.details()).not.toHaveText(first!);
  await expect(chart.details()).toContainText('Fitness (CTL)');
});

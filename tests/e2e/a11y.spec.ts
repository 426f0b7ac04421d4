import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppFrame } from './pages/app';
import { DataPage } from './pages/data';

// Every page checked with axe-core (the engine Lighthouse's accessibility audit runs), with a
// log of twelve weeks and two threshold sets present, at a phone's width and a desktop's.
// Issue #30 found the Log's `ul.sessions` holding items that were not list items (axe
// `list`, serious): no serious or critical violation is allowed on any page.
const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page: Page) {
  // Evaluated through the driver, so the page's Content-Security-Policy does not apply.
  await page.evaluate(axe);
  return page.evaluate(async () => {
    // @ts-expect-error axe is the global the script above defined.
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('no serious accessibility violation on any page, with a log and threshold sets', async ({ page }) => {
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/demo-backup.json'), 'utf8'));
  demo.version = 2;
  demo.profile.thresholds = [
    { since: '2025-01-01', lthr_bpm: 165, max_hr_bpm: 190, resting_hr_bpm: 50, threshold_pace_s_per_km: 270 },
    { since: '2025-09-01', lthr_bpm: 168 },
  ];
  const app = new AppFrame(page);
  await app.open();
  await new DataPage(page).importText('demo-backup.json', JSON.stringify(demo), 'application/json');
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const p of ['#/', '#/log', '#/chart', '#/data', '#/settings']) {
      await app.open(p);
      // Wait for the parts built after the first paint (Today's check-in, the Log's rows).
      await page.waitForTimeout(300);
      expect(await violations(page), `${p} at ${width} px`).toEqual([]);
    }
  }
});

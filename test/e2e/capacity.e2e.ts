/**
 * Browser coverage of capacity monitoring (产能监测, DC-3): a city gov user opens the 产能监测 tab
 * of the 苏州 battery chain, sees the planted alerts (idle capacity, a sharp drop), opens an idle
 * SME's months and drills down into a segment; the `sme` user reports a month from its menu.
 */
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.js';
import { currentMonth } from '../../src/server/modules/chains/capacity.service.js';
import { screenshot, useBrowser } from './browser.js';

const baseUrl = inject('baseUrl');
const { logIn } = useBrowser();
const IDLE_SME = '苏州盛铝精密制造有限公司';
const DROP_SME = '苏州溶川新材料有限公司';

async function chainId(name: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gov_sz', password: DEMO_PASSWORD }) });
  const { token } = await login.json();
  const r = await fetch(`${baseUrl}/api/v1/chains?q=${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}` } });
  return (await r.json()).items[0].id;
}

describe('capacity monitoring of a chain’s SMEs', () => {
  it('a city gov user opens 产能监测, sees the alerts, opens an idle SME and drills into a segment', async () => {
    const id = await chainId('苏州市新能源汽车动力电池产业链');
    const page = await logIn('gov_sz');
    await page.goto(`${baseUrl}/chains/${id}`);
    await page.getByTestId('capacity-tab').click();
    const alerts = page.getByTestId('capacity-alerts');
    await alerts.locator('tr', { hasText: IDLE_SME }).first().waitFor();
    await expect.poll(() => alerts.innerText()).toContain(DROP_SME);
    await page.getByTestId('capacity-heatmap').locator('canvas').first().waitFor();
    await screenshot(page, 'capacity-monitor-gov');

    await alerts.locator('tr', { hasText: IDLE_SME }).getByTestId('capacity-alert-idle').first().click();
    const drawer = page.getByTestId('capacity-sme-drawer');
    await drawer.getByTestId('capacity-months-table').locator('tbody tr').nth(11).waitFor();
    await screenshot(page, 'capacity-sme-months-gov');
    await page.keyboard.press('Escape');

    await page.getByTestId('capacity-segment-structural-parts').click();
    const drill = page.getByTestId('capacity-drill-table');
    await expect.poll(() => drill.innerText()).toContain(IDLE_SME);
    await expect.poll(() => page.url()).toContain('capSegment=structural-parts');
    await expect.poll(() => drill.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await drill.locator('tr', { hasText: IDLE_SME }).getByTestId('capacity-share-link').count()).toBeGreaterThan(0);
    await page.getByTestId('capacity-drill').scrollIntoViewIfNeeded();
    await screenshot(page, 'capacity-drill-gov');
  });

  it('an SME reports this month from its menu and sees it in its months', async () => {
    const page = await logIn('sme');
    await page.goto(`${baseUrl}/`);
    await page.locator('.ant-menu').getByText('产能报送').click();
    await page.getByTestId('capacity-report-page').waitFor();
    const month = currentMonth();
    const picker = page.getByTestId('capacity-report-month');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    await page.getByTestId('capacity-report-capacity').fill('12');
    await page.getByTestId('capacity-report-output').fill('9.5');
    await page.getByTestId('capacity-report-employees').fill('190');
    await screenshot(page, 'capacity-report-form-sme');
    await page.getByTestId('capacity-report-submit').click();
    const months = page.getByTestId('capacity-months-table');
    await months.locator('tr', { hasText: month }).waitFor();
    await expect.poll(() => months.locator('tr', { hasText: month }).innerText()).toContain('79.2%');
    await expect.poll(() => months.locator('tr', { hasText: month }).innerText()).toContain('万件');
    await screenshot(page, 'capacity-report-done-sme');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);
const SME_NAME = '苏州锐铭精密机械有限公司';
const NEED_TITLE = '电池模组精密结构件配套';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm .ant-btn-primary').filter({ visible: true }).click();
}

/** `YYYY-MM-DDTHH:mm:ss` in Beijing time (the value of the deadline's datetime-local input). */
function beijingLocal(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19);
}

describe('leader invites and opens an RFQ, sme accepts and quotes sealed, after the deadline leader compares and awards', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const rfqTitle = `储能模组端板侧板二次询价${tag}`;
  // The quotes are due 75 s after the RFQ is opened: enough for sme to log in and quote on a loaded machine.
  let deadline = 0;
  let rfqPath = '';

  it('the leader invites a candidate from the need’s ranked matches and opens an RFQ', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('need-table').getByText(NEED_TITLE, { exact: true }).click();
    await page.getByTestId('need-detail-page').waitFor();
    const candidates = page.getByTestId('match-candidates');
    await candidates.locator('[data-testid="match-candidate"]', { hasText: SME_NAME }).getByTestId('match-stage-invited').waitFor();
    const before = await page.getByTestId('need-matches-table').locator('tbody tr').count();
    await candidates.getByTestId('candidate-invite').first().click();
    await page.getByTestId('candidate-invite-message').fill('欢迎来园区现场交流，联系人：采购部 陈经理');
    await page.getByTestId('candidate-invite-confirm').click();
    await expect.poll(() => page.getByTestId('need-matches-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(before + 1);
    await screenshot(page, 'deals-need-detail-leader');

    await page.getByTestId('rfq-create-button').click();
    await page.getByTestId('rfq-title').fill(rfqTitle);
    await page.getByTestId('rfq-description').fill('端板、侧板各5万件/年，6061-T6，含税到厂价');
    await pickOption(page, page.getByTestId('rfq-invited'), SME_NAME);
    await page.keyboard.press('Escape');
    deadline = Date.now() + 75_000;
    await page.getByTestId('rfq-deadline').fill(beijingLocal(deadline));
    await screenshot(page, 'deals-rfq-create-leader');
    await page.getByTestId('rfq-create-confirm').click();
    await page.getByTestId('rfq-detail-page').waitFor();
    rfqPath = new URL(page.url()).pathname;
    await page.getByTestId('rfq-sealed').waitFor();
    expect(await page.getByTestId('rfq-invitees').textContent()).toContain(SME_NAME);
    await screenshot(page, 'deals-rfq-sealed-leader');
    await page.context().close();
  });

  it('sme accepts the invitation in its feed and submits a sealed quote with a file', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('match-nav-feed').click();
    const invitation = page.getByTestId('supplier-invitations').getByTestId('supplier-invitation').filter({ hasText: NEED_TITLE });
    await invitation.getByTestId('match-accept').click();
    await confirmPopover(page);
    await invitation.getByTestId('match-stage-negotiating').waitFor();
    await page.getByTestId('supplier-rfqs').getByText(rfqTitle).waitFor();
    await screenshot(page, 'deals-feed-sme');

    await page.getByTestId('supplier-rfqs').getByText(rfqTitle).click();
    await page.getByTestId('rfq-detail-page').waitFor();
    expect(await page.getByTestId('rfq-invitees').count()).toBe(0);
    await page.getByTestId('quote-price').fill('3580000');
    await page.getByTestId('quote-lead-time').fill('28');
    await page.getByTestId('quote-moq').fill('5000件');
    await page.getByTestId('quote-terms').fill('月结60天，质保12个月');
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-submitted').waitFor();
    await page.getByTestId('quote-files').locator('input[type=file]').setInputFiles({ name: '报价单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('quote-files').getByText('报价单.pdf').waitFor();
    await screenshot(page, 'deals-quote-sme');
    expect(Date.now()).toBeLessThan(deadline);
    await page.context().close();
  });

  it('after the deadline the leader compares the quotes in columns and awards sme', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now() + 1500)));
    const page = await logIn('leader');
    await page.goto(`${inject('baseUrl')}${rfqPath}`);
    const comparison = page.getByTestId('rfq-comparison');
    await comparison.getByTestId('comparison-supplier').filter({ hasText: SME_NAME }).first().waitFor();
    expect(await comparison.textContent()).toContain('报价单.pdf');
    await comparison.getByTestId('quote-award').first().click();
    await confirmPopover(page);
    await comparison.getByTestId('quote-awarded').waitFor();
    await page.getByTestId('rfq-status-awarded').waitFor();
    await screenshot(page, 'deals-rfq-awarded-leader');

    await page.getByTestId('match-nav-deals').click();
    await page.getByTestId('deals-page').waitFor();
    await page.getByTestId('deals-tab-rfqs').click();
    await page.getByTestId('rfqs-table').getByText('9μm湿法涂覆隔膜首批询价').click();
    await page.getByTestId('rfq-comparison').getByTestId('quote-award').first().waitFor();
    await screenshot(page, 'deals-rfq-comparison-seeded-leader');
    await page.context().close();
  }, 180_000);

  it('gov_sz sees its region’s figures by stage and the deals', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('match-nav-deals').click();
    await page.getByTestId('deal-stats').waitFor();
    await page.getByTestId('deals-tab-deals').click();
    const deals = page.getByTestId('deals-table');
    await deals.getByText(SME_NAME).waitFor();
    await deals.getByText('苏州溶川新材料有限公司').waitFor();
    await screenshot(page, 'deals-stats-gov-sz');
    await page.context().close();
  });
});

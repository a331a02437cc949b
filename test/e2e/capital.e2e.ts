import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BANK } from '../../src/server/modules/capital/capital.demo.js';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SME = '91320506MA1M2G8K8W';
const SME_SUPPLIER = '91320412MA1X2P7R3M'; // 常州驰恒电机, the SME's own supplier
const BANK = DEMO_BANK.uscc;
const LATE_TITLE = '注塑结构件补充供货合同';

/** A business date (Asia/Shanghai) `days` before today. */
function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** A JSON API call from inside the page, with the page's session (same origin). */
async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, path, body }) => {
    const response = await fetch(`/api/v1${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }, { method, path, body }) as Promise<T>;
}

async function openFinance(page: Page): Promise<void> {
  await page.getByTestId('menu-finance').click();
  await page.getByTestId('finance-ledger-page').waitFor();
}

describe('capital chain: ledger, due dates, unfair terms, vouchers', () => {
  it('the leader sees its payables ledger with late payments, the due-date reason, and confirms a voucher', async () => {
    const page = await logInAs(browser, 'leader');
    await openFinance(page);
    const table = page.getByTestId('ledger-table');
    await table.getByText('苏州锐铭精密机械有限公司').first().waitFor();
    expect(await page.getByTestId('late-alert').textContent()).toContain('已逾期');
    await screenshot(page, 'capital-ledger-leader');

    const overdueRow = table.locator('tr', { hasText: '电池模组精密结构件年度采购合同' }).filter({ has: page.getByTestId('lateness-overdue') });
    await overdueRow.first().click();
    const drawer = page.getByTestId('delivery-drawer');
    await drawer.waitFor();
    expect(await page.getByTestId('delivery-due-basis').textContent()).toContain('《条例》（2025）第九条');
    expect(await page.getByTestId('delivery-interest').textContent()).not.toBe('0.00');
    await page.getByTestId('confirm-voucher').click();
    await drawer.getByText('已确权').waitFor();
    await screenshot(page, 'capital-delivery-leader');
    await page.getByTestId('delivery-close').click();

    await page.getByTestId('finance-nav-contracts').click();
    await page.getByTestId('finance-contracts-page').waitFor();
    await page.getByTestId('contract-create-button').click();
    const picker = page.getByTestId('contract-counterparty');
    await picker.click();
    await page.keyboard.type(SME);
    await pickOption(page, picker, SME);
    await page.getByTestId('contract-title').fill('储能结构件补充采购合同');
    await page.getByTestId('contract-amount').fill('200000');
    await page.getByTestId('contract-term').fill('120');
    await page.getByTestId('contract-clauses').fill('甲方在收到业主付款后向乙方支付货款');
    await page.getByTestId('contract-save').click();
    const result = page.getByTestId('contract-flags-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('《条例》（2025）第九条第二款');
    await screenshot(page, 'capital-contract-flags');
    await page.getByTestId('contract-done').click();
    await page.getByTestId('contract-table').getByText('储能结构件补充采购合同').waitFor();
    await page.context().close();
  }, 300_000);

  it('the SME sees only its receivables with due dates, then splits the new voucher and passes a part up the chain', async () => {
    const page = await logInAs(browser, 'sme');
    await openFinance(page);
    const table = page.getByTestId('ledger-table');
    await table.getByText('电池模组精密结构件年度采购合同').first().waitFor();
    expect(await table.getByText('昆山智衡电子科技有限公司').count()).toBe(0);
    await table.locator('tr', { hasText: '电池模组精密结构件年度采购合同' }).first().click();
    await page.getByTestId('delivery-drawer').waitFor();
    expect(await page.getByTestId('delivery-due-on').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await screenshot(page, 'capital-due-dates-sme');
    await page.getByTestId('delivery-close').click();

    await page.getByTestId('finance-nav-vouchers').click();
    await page.getByTestId('voucher-wallet-page').waitFor();
    const vouchers = page.getByTestId('voucher-table');
    const fresh = vouchers.locator('tr', { hasText: '500,000.00' }).filter({ has: page.getByTestId('voucher-split') });
    await fresh.first().waitFor();
    await fresh.first().getByTestId('voucher-split').click();
    await page.getByTestId('split-part-0').fill('300000');
    await page.getByTestId('split-part-1').fill('200000');
    await screenshot(page, 'capital-wallet-split');
    await page.getByTestId('voucher-action-ok').click();
    const part = vouchers.locator('tr', { hasText: '200,000.00' }).filter({ has: page.getByTestId('voucher-transfer') });
    await part.first().waitFor();
    await part.first().getByTestId('voucher-transfer').click();
    const target = page.getByTestId('voucher-target');
    await target.click();
    await page.keyboard.type(SME_SUPPLIER);
    await pickOption(page, target, SME_SUPPLIER);
    await page.getByTestId('voucher-action-ok').click();
    await vouchers.locator('tr', { hasText: '200,000.00' }).filter({ has: page.getByTestId('voucher-status-transferred') }).first().waitFor();
    await screenshot(page, 'capital-wallet-sme');
    await page.context().close();
  }, 300_000);

  it('the SME sees its credit score with each factor explained, and attaches an evidence file to its open complaint', async () => {
    const page = await logInAs(browser, 'sme');
    await openFinance(page);
    await page.getByTestId('finance-nav-credit').click();
    await page.getByTestId('credit-score-page').waitFor();
    const factors = page.getByTestId('credit-factors');
    await factors.getByText('梯度培育层级').waitFor();
    expect(await factors.locator('tbody tr').count()).toBe(8);
    expect(await factors.textContent()).toContain('确权应收');
    expect(await page.getByTestId('credit-grade').textContent()).toMatch(/^[ABCD]$/);
    expect(await page.getByTestId('credit-score-card').textContent()).toContain('⚠️');
    await screenshot(page, 'capital-credit-sme');

    await page.getByTestId('finance-nav-complaints').click();
    await page.getByTestId('complaints-page').waitFor();
    const row = page.getByTestId('complaint-table').locator('tr.ant-table-row', { hasText: '处理中' }).first();
    await row.locator('.ant-table-row-expand-icon').click();
    const files = page.getByTestId('complaint-files').first();
    await files.waitFor();
    await files.locator('input[type=file]').setInputFiles({ name: '催款函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n催款函\n%%EOF\n') });
    await files.getByText('催款函.pdf').waitFor();
    await screenshot(page, 'capital-complaint-evidence');
    await page.context().close();
  }, 300_000);

  it('the SME browses the bank product catalogue with eligibility reasons and applies from a product into financing', async () => {
    const page = await logInAs(browser, 'sme');
    await openFinance(page);
    await page.getByTestId('finance-nav-products').click();
    await page.getByTestId('products-page').waitFor();
    const table = page.getByTestId('products-table');
    await table.getByText('订单e贷').waitFor();
    expect(await table.getByTestId('product-eligible').count()).toBeGreaterThan(0);
    expect(await table.getByTestId('product-not-eligible').count()).toBeGreaterThan(0);
    const refused = table.locator('tr.ant-table-row', { hasText: '小巨人科创贷' });
    await refused.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('reason-tier').first().waitFor();
    expect(await page.getByTestId('product-rules').first().textContent()).toContain('专精特新');
    await screenshot(page, 'capital-products-sme');

    await table.locator('tr.ant-table-row', { hasText: '订单e贷' }).getByTestId('product-apply').click();
    await page.getByTestId('apply-amount').fill('120000');
    await page.getByTestId('apply-term').fill('90');
    await screenshot(page, 'capital-products-apply');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('apply-submit').waitFor({ state: 'hidden' });
    await page.getByTestId('finance-nav-financing').click();
    await page.getByTestId('financing-page').waitFor();
    await page.getByTestId('financing-table').getByText('订单e贷').first().waitFor();
    await screenshot(page, 'capital-products-applied');
    await page.context().close();
  }, 300_000);

  it('a bank publishes a product with eligibility rules and sees it in its catalogue', async () => {
    const page = await logInAs(browser, 'bank');
    await openFinance(page);
    await page.getByTestId('finance-nav-products').click();
    await page.getByTestId('products-page').waitFor();
    const table = page.getByTestId('products-table');
    await table.getByText('链e融·应收账款融资').waitFor();
    await page.getByTestId('product-new').click();
    const drawer = page.getByTestId('product-drawer');
    await drawer.waitFor();
    await page.getByTestId('product-name').fill('科技成长贷（测试）');
    await pickOption(page, page.getByTestId('product-kind'), '信用贷款');
    await page.getByTestId('product-min').fill('100000');
    await page.getByTestId('product-max').fill('5000000');
    await page.getByTestId('product-min-years').fill('2');
    await screenshot(page, 'capital-products-publish');
    await page.getByTestId('product-save').click();
    const published = table.locator('tr.ant-table-row', { hasText: '科技成长贷（测试）' });
    await published.waitFor();
    await published.locator('.ant-table-row-expand-icon').click();
    await table.getByTestId('product-rules').getByText('经营（有记录）年限不少于 2 年').waitFor();
    await screenshot(page, 'capital-products-bank');
    await page.context().close();
  }, 300_000);

  it('the 苏州 gov user sees the funds of its region and their portfolio by chain, with the weak links nobody invested in', async () => {
    const page = await logInAs(browser, 'gov_sz');
    await openFinance(page);
    await page.getByTestId('finance-nav-funds').click();
    await page.getByTestId('funds-page').waitFor();
    const funds = page.getByTestId('funds-table');
    await funds.getByText('苏州市新能源产业链协同发展基金').waitFor();
    await funds.getByText('澜沣携手创新基金').waitFor();
    await page.getByTestId('portfolio-chart').waitFor();
    await pickOption(page, page.getByTestId('portfolio-chain'), '苏州市新能源汽车动力电池产业链');
    const gaps = page.getByTestId('portfolio-gaps');
    await expect.poll(() => gaps.textContent()).toContain('锂钴镍资源');
    await screenshot(page, 'capital-funds-portfolio');
    await funds.getByText('苏州市新能源产业链协同发展基金').click();
    await page.getByTestId('fund-drawer').waitFor();
    await page.getByTestId('investments-table').getByText('电池管理系统', { exact: false }).first().waitFor();
    await screenshot(page, 'capital-funds-drawer');
    await page.context().close();
  }, 300_000);

  it('the SME files a complaint about a late payment from its ledger; the 苏州 gov user accepts it, ranks the buyers and opens the buyer’s disclosure', async () => {
    const sme = await logInAs(browser, 'sme');
    // A contract the SME itself enters (a party may): delivered 90 days ago on 30-day terms, unpaid.
    const [own] = (await apiFromPage<{ items: { buyer: { uscc: string } }[] }>(sme, 'GET', '/deliveries?limit=1')).items;
    const contract = await apiFromPage<{ id: string }>(sme, 'POST', '/contracts', { buyerUscc: own.buyer.uscc, supplierUscc: SME, amountFen: 50_000_000, termDays: 30, signedOn: daysAgo(100), title: LATE_TITLE });
    await apiFromPage(sme, 'POST', `/contracts/${contract.id}/deliveries`, { deliveredOn: daysAgo(90), amountFen: 18_000_000 });
    await openFinance(sme);
    await sme.getByTestId('ledger-table').locator('tr', { hasText: LATE_TITLE }).first().click();
    await sme.getByTestId('delivery-drawer').waitFor();
    await sme.getByTestId('complaint-button').click();
    await sme.getByTestId('complaint-description').fill('补充供货货款已逾期60日未付，多次催收无果');
    await screenshot(sme, 'capital-complaint-file');
    await sme.getByTestId('complaint-submit').click();
    await sme.getByTestId('complaint-description').waitFor({ state: 'hidden' });
    await sme.getByTestId('delivery-close').click();
    await sme.getByTestId('finance-nav-complaints').click();
    await sme.getByTestId('complaint-table').locator('tr.ant-table-row', { hasText: LATE_TITLE }).getByText('待受理').waitFor();
    await screenshot(sme, 'capital-complaints-sme');
    await sme.context().close();

    const gov = await logInAs(browser, 'gov_sz');
    await openFinance(gov);
    await gov.getByTestId('finance-nav-complaints').click();
    const row = gov.getByTestId('complaint-table').locator('tr.ant-table-row', { hasText: LATE_TITLE });
    await row.getByTestId('complaint-accept').click();
    await gov.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.getByText('处理中').waitFor();
    await screenshot(gov, 'capital-complaints-gov');

    await gov.getByTestId('finance-nav-practice').click();
    const ranking = gov.getByTestId('practice-ranking');
    await ranking.getByText('苏州澜沣新能源科技股份有限公司').waitFor();
    await ranking.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(gov, 'capital-practice-ranking-gov');
    await ranking.getByText('苏州澜沣新能源科技股份有限公司').click();
    await gov.getByTestId('buyer-disclosure-page').waitFor();
    await expect.poll(async () => (await gov.getByTestId('practice-disputes').allTextContents()).some((n) => Number(n) > 0)).toBe(true);
    await screenshot(gov, 'capital-disclosure-gov');
    await gov.context().close();
  }, 300_000);

  it('the SME finances a held part at the bank from its wallet; the bank’s workbench shows requests with the obligor’s conduct and the applicant’s score, and the bank makes an offer', async () => {
    const sme = await logInAs(browser, 'sme');
    await openFinance(sme);
    await sme.getByTestId('finance-nav-vouchers').click();
    const vouchers = sme.getByTestId('voucher-table');
    const kept = vouchers.locator('tr', { hasText: '300,000.00' }).filter({ has: sme.getByTestId('voucher-finance') });
    await kept.first().getByTestId('voucher-finance').click();
    const target = sme.getByTestId('voucher-target');
    await target.click();
    await sme.keyboard.type(BANK);
    await pickOption(sme, target, BANK);
    await screenshot(sme, 'capital-wallet-finance');
    await sme.getByTestId('voucher-action-ok').click();
    await vouchers.locator('tr', { hasText: '300,000.00' }).filter({ has: sme.getByTestId('voucher-status-financed') }).first().waitFor();
    await screenshot(sme, 'capital-wallet-financed');
    await sme.context().close();

    const bank = await logInAs(browser, 'bank');
    await openFinance(bank);
    await bank.getByTestId('finance-nav-financing').click();
    const table = bank.getByTestId('financing-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    await screenshot(bank, 'capital-bank-workbench');
    const open = table.locator('tr.ant-table-row').filter({ has: bank.getByTestId('financing-offer') }).first();
    await open.getByTestId('applicant-score').click();
    await bank.getByTestId('applicant-score-drawer').getByTestId('credit-factors').waitFor();
    await screenshot(bank, 'capital-bank-applicant-score');
    await bank.locator('.ant-drawer-close').click();
    await open.getByTestId('financing-offer').click();
    await bank.locator('.ant-modal-footer .ant-btn-primary').click();
    await bank.locator('.ant-modal-footer').waitFor({ state: 'hidden' });
    await screenshot(bank, 'capital-bank-offered');
    await bank.context().close();
  }, 300_000);
});

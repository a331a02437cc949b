import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);

async function openCase(page: Page, tab: string, title: string): Promise<void> {
  await page.getByTestId('menu-cases').click();
  await page.getByTestId('case-list-page').waitFor();
  await page.getByTestId(tab).click();
  await page.getByTestId('case-link').filter({ hasText: title }).first().click();
  await page.getByTestId('case-detail-page').waitFor();
}

describe('a typical case goes from submission through review to its public page', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `链主带动配套企业协同降本案例${tag}`;

  it('the leader writes and submits a case', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-cases').click();
    await page.getByTestId('case-list-page').waitFor();
    await page.getByTestId('case-link').filter({ hasText: '链主开放质量体系' }).first().waitFor();
    await screenshot(page, 'service-cases-leader');
    await page.getByTestId('case-create-button').click();
    await page.getByTestId('case-title').fill(title);
    await pickOption(page, page.getByTestId('case-model'), '供应链协同');
    await page.getByTestId('case-summary-input').fill('链主向配套中小企业开放工艺标准与检测数据，联合开展降本攻关。');
    await page.getByTestId('case-results-input').fill('配套企业单件成本下降8%，年新增订单1500万元。');
    await page.getByTestId('case-add-enterprise').click();
    await page.getByTestId('case-uscc-1').fill('91320506MA1M2G8K8W');
    await screenshot(page, 'service-case-form');
    await page.getByTestId('case-form-ok').click();
    await page.getByTestId('case-detail-page').waitFor();
    await expect.poll(() => page.getByTestId('case-enterprises').innerText()).toContain('苏州锐铭精密机械有限公司');
    await page.getByTestId('case-submit').click();
    await expect.poll(() => page.getByTestId('case-status').first().innerText()).toContain('待审核');
    await page.context().close();
  });

  it('苏州 returns it with comments; the leader revises and resubmits', async () => {
    const gov = await logIn('gov_sz');
    await openCase(gov, 'tab-case-queue', title);
    await gov.getByTestId('case-return').click();
    await gov.getByTestId('case-return-comment').fill('请补充配套企业名单及降本的量化依据。');
    await gov.getByTestId('case-return-ok').click();
    await expect.poll(() => gov.getByTestId('case-status').first().innerText()).toContain('退回修改');
    await gov.context().close();

    const leader = await logIn('leader');
    await openCase(leader, 'tab-case-work', title);
    await expect.poll(() => leader.getByTestId('case-review-comment').innerText()).toContain('请补充配套企业名单');
    await screenshot(leader, 'service-case-returned-leader');
    await leader.getByTestId('case-edit').click();
    await leader.getByTestId('case-results-input').fill('配套企业单件成本下降8%（2025年审计口径），年新增订单1500万元，带动5家配套企业。');
    await leader.getByTestId('case-form-ok').click();
    await expect.poll(() => leader.getByTestId('case-results').innerText()).toContain('带动5家配套企业');
    await leader.getByTestId('case-submit').click();
    await expect.poll(() => leader.getByTestId('case-status').first().innerText()).toContain('待审核');
    await leader.context().close();
  });

  it('苏州 publishes it and anyone reads it without logging in', async () => {
    const gov = await logIn('gov_sz');
    await openCase(gov, 'tab-case-queue', title);
    await screenshot(gov, 'service-case-review-gov');
    await gov.getByTestId('case-publish').click();
    await expect.poll(() => gov.getByTestId('case-status').first().innerText()).toContain('已发布');
    await gov.context().close();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}/public/cases`);
    await page.getByTestId('public-case-list').waitFor();
    await page.getByTestId('public-case-link').filter({ hasText: title }).waitFor();
    await screenshot(page, 'service-public-cases');
    await page.getByTestId('public-case-link').filter({ hasText: title }).click();
    await page.getByTestId('public-case-detail').waitFor();
    await expect.poll(() => page.getByTestId('case-results').innerText()).toContain('带动5家配套企业');
    await expect.poll(() => page.getByTestId('case-enterprises').innerText()).toContain('苏州澜沣新能源');
    await screenshot(page, 'service-public-case');
    await context.close();
  });
});

describe('an SME requests a service from the directory, the provider serves it and the SME rates it', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const note = `请为精密加工车间做数字化诊断（${tag}）`;

  async function openDirectory(page: Page, tab: string): Promise<void> {
    await page.getByTestId('menu-service-directory').click();
    await page.getByTestId('directory-page').waitFor();
    await page.getByTestId(tab).click();
  }

  it('the sme browses products and providers and sends a request', async () => {
    const page = await logIn('sme');
    await openDirectory(page, 'tab-products');
    const row = page.locator('tr').filter({ hasText: '中小企业数字化转型诊断' });
    await row.waitFor();
    await screenshot(page, 'service-directory-products');
    await row.getByTestId('product-request').click();
    await page.getByTestId('request-note').fill(note);
    await page.getByTestId('request-ok').click();
    await page.getByTestId('request-note').waitFor({ state: 'detached' });
    await page.getByTestId('tab-providers').click();
    await page.getByTestId('provider-link').filter({ hasText: '澜沣新能源电池安全检测中心' }).click();
    await page.getByTestId('provider-drawer').getByText('动力电池安全检测').first().waitFor();
    await screenshot(page, 'service-directory-provider');
    await page.getByTestId('provider-drawer-close').click();
    await page.getByTestId('tab-requests-mine').click();
    await page.getByTestId('requests-mine').getByText(note).waitFor();
    await page.context().close();
  });

  it('苏州 accepts and completes it; the sme rates it', async () => {
    const gov = await logIn('gov_sz');
    await openDirectory(gov, 'tab-requests-incoming');
    const row = gov.getByTestId('requests-incoming').locator('tr').filter({ hasText: note });
    await row.getByTestId('request-accept').click();
    await expect.poll(() => row.getByTestId('request-status').innerText()).toContain('服务中');
    await screenshot(gov, 'service-directory-incoming-gov');
    await row.getByTestId('request-complete').click();
    await expect.poll(() => row.getByTestId('request-status').innerText()).toContain('已完成');
    await gov.context().close();

    const sme = await logIn('sme');
    await openDirectory(sme, 'tab-requests-mine');
    const mine = sme.getByTestId('requests-mine').locator('tr').filter({ hasText: note });
    await mine.getByTestId('request-rate').click();
    await sme.getByTestId('rate-stars').locator('li').nth(3).click();
    await sme.getByTestId('rate-review').fill('诊断报告针对性强，建议可落地。');
    await sme.getByTestId('rate-ok').click();
    await mine.getByText('诊断报告针对性强').waitFor();
    await screenshot(sme, 'service-directory-rated');
    await sme.context().close();
  });
});

describe('chain leaders and clusters: the leader records an action, 苏州 grows a cluster and compares chains', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `配套企业数字化改造专项（${tag}）`;

  async function openLeaders(page: Page, tab: string): Promise<void> {
    await page.getByTestId('menu-leaders').click();
    await page.getByTestId('leaders-page').waitFor();
    await page.getByTestId(tab).click();
  }

  it('the leader sees its demo actions and records a supplier programme', async () => {
    const page = await logIn('leader');
    await openLeaders(page, 'tab-leader-actions');
    await page.getByTestId('leader-action-table').getByText('澜沣新能源产业创新孵化基地').waitFor();
    await screenshot(page, 'service-leaders-actions');
    await page.getByTestId('leader-action-create').click();
    await pickOption(page, page.getByTestId('leader-action-chain'), '苏州市新能源汽车动力电池产业链');
    await page.getByTestId('leader-action-title').fill(title);
    await page.getByTestId('leader-action-sme-count').fill('25');
    const started = page.locator('input[data-testid="leader-action-started"], [data-testid="leader-action-started"] input').first();
    await started.click();
    await started.fill('2026-03-01');
    await started.press('Enter');
    await screenshot(page, 'service-leaders-action-form');
    await page.getByTestId('leader-action-ok').click();
    await page.getByTestId('leader-action-title').waitFor({ state: 'detached' });
    const row = page.getByTestId('leader-action-table').locator('tr').filter({ hasText: title });
    await expect.poll(() => row.innerText()).toContain('2026-03-01');
    await expect.poll(() => row.innerText()).toContain('25');
    await page.context().close();
  });

  it('苏州 adds the sme to the 吴中 cluster, reads the transfer catalogue and the chains across regions', async () => {
    const gov = await logIn('gov_sz');
    await openLeaders(gov, 'tab-clusters');
    await gov.getByTestId('cluster-link').filter({ hasText: '吴中精密零部件中小企业特色产业集群' }).click();
    await gov.getByTestId('cluster-drawer').waitFor();
    await gov.getByTestId('cluster-add-usccs').fill('91320506MA1M2G8K8W');
    await gov.getByTestId('cluster-add-ok').click();
    await expect.poll(() => gov.getByTestId('cluster-members').innerText()).toContain('苏州锐铭精密机械有限公司');
    await screenshot(gov, 'service-leaders-cluster');
    await gov.getByTestId('cluster-drawer-close').click();
    await gov.getByTestId('cluster-drawer').waitFor({ state: 'hidden' });

    await gov.getByTestId('tab-transfer').click();
    await gov.getByTestId('transfer-table').getByText('动力电池模组后段组装产能有序转移').waitFor();
    await screenshot(gov, 'service-leaders-transfer');

    await gov.getByTestId('tab-chain-regions').click();
    const battery = gov.getByTestId('chain-regions-table').locator('tr').filter({ hasText: '苏州市新能源汽车动力电池产业链' });
    await battery.waitFor();
    await screenshot(gov, 'service-leaders-regions');
    await gov.context().close();
  });
});

describe('SOE openness: an SME applies to a state-owned firm’s opening and 苏州 accepts it', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const note = `可供应储能变流器，已有国网项目业绩（${tag}）`;
  const title = '2026年度配电及储能设备框架采购向中小企业开放';

  async function openOpening(page: Page): Promise<void> {
    await page.getByTestId('menu-soe-openness').click();
    await page.getByTestId('soe-page').waitFor();
    await page.getByTestId('soe-link').filter({ hasText: title }).click();
    await page.getByTestId('soe-drawer').waitFor();
  }

  it('the sme applies', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-soe-openness').click();
    await page.getByTestId('soe-link').filter({ hasText: '园区综合能源站智能运维应用场景开放' }).waitFor();
    await screenshot(page, 'service-soe-openings');
    await openOpening(page);
    await page.getByTestId('soe-apply-note').fill(note);
    await page.getByTestId('soe-apply').click();
    await expect.poll(() => page.getByTestId('soe-applications').innerText()).toContain(note);
    await screenshot(page, 'service-soe-applied');
    await page.context().close();
  });

  it('苏州 accepts the application and sees the firm’s openness figures', async () => {
    const gov = await logIn('gov_sz');
    await openOpening(gov);
    const row = gov.getByTestId('soe-applications').locator('tr').filter({ hasText: note });
    await row.getByTestId('soe-accept').click();
    await expect.poll(() => row.getByTestId('soe-application-status').innerText()).toContain('已接纳');
    await screenshot(gov, 'service-soe-accepted-gov');
    await gov.getByTestId('soe-drawer-close').click();
    await gov.getByTestId('soe-drawer').waitFor({ state: 'hidden' });
    await gov.getByTestId('tab-soe-figures').click();
    await expect.poll(() => gov.getByTestId('soe-figures').innerText()).toContain('地方国企');
    await screenshot(gov, 'service-soe-figures');
    await gov.context().close();
  });
});

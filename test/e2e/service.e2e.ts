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

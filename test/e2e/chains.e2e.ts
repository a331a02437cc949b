import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ANCHORS } from '../../src/server/demo/generator.js';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

const SUZHOU_BATTERY = '苏州市新能源汽车动力电池产业链';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);

/** Close the segment drawer with its close button, as a user does, and wait until it is gone. */
async function closeDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-close').filter({ visible: true }).click();
  await expect.poll(() => page.locator('.ant-drawer-mask').filter({ visible: true }).count()).toBe(0);
}

async function openSuzhouBatteryChain(page: Page): Promise<void> {
  await page.getByTestId('menu-chains').click();
  await page.getByTestId('chain-list-page').waitFor();
  await page.getByRole('link', { name: SUZHOU_BATTERY }).waitFor();
  await screenshot(page, 'chains-list');
  await page.getByRole('link', { name: SUZHOU_BATTERY }).click();
  await page.getByTestId('chain-detail-page').waitFor();
  await page.getByTestId('chain-map-canvas').locator('canvas').waitFor();
}

describe('chain maps in the browser', () => {
  it('a 苏州 official opens the battery chain map, a segment, its members and suggestions, and accepts one', async () => {
    const page = await logIn('gov_sz');
    await openSuzhouBatteryChain(page);
    expect(await page.getByTestId('stage-upstream').textContent()).toBe('上游');
    // The planted 断点: 锂钴镍资源 has no 苏州 enterprise.
    expect(await page.getByTestId('segment-minerals').textContent()).toBe('锂钴镍资源（0）');
    await screenshot(page, 'chains-map');

    await page.getByTestId('segment-structural-parts').click();
    const drawer = page.getByTestId('segment-drawer');
    await drawer.waitFor();
    expect(await page.getByTestId('segment-drawer-title').textContent()).toBe('结构件与集流体');
    const housing = DEMO_ANCHORS.find((a) => a.key === 'batteryHousingSme')!;
    await drawer.getByTestId(`member-${housing.uscc}`).waitFor();
    expect(await drawer.getByTestId(`member-${housing.uscc}`).textContent()).toContain(housing.name);

    const firstSuggestion = drawer.getByTestId('segment-suggestions').locator('[data-testid^="suggestion-"]').first();
    await firstSuggestion.waitFor();
    const suggestionText = (await firstSuggestion.textContent()) ?? '';
    expect(suggestionText).toMatch(/匹配度 \d+%/);
    expect(suggestionText).toMatch(/行业|主营产品|产品与能力描述|关键词/);
    const uscc = (await firstSuggestion.getAttribute('data-testid'))!.replace('suggestion-', '');
    await screenshot(page, 'chains-segment-drawer');

    const membersBefore = await drawer.getByTestId('segment-members').locator('[data-testid^="member-"]').count();
    await drawer.getByTestId(`accept-${uscc}`).click();
    await drawer.getByTestId(`member-${uscc}`).waitFor();
    expect(await drawer.getByTestId('segment-members').locator('[data-testid^="member-"]').count()).toBe(membersBefore + 1);
    await expect.poll(() => drawer.getByTestId(`suggestion-${uscc}`).count()).toBe(0);
    await screenshot(page, 'chains-accepted');

    await closeDrawer(page);
    await page.getByRole('tab', { name: '历史' }).click();
    await page.getByTestId('chain-history').getByText('添加企业').first().waitFor();
    await screenshot(page, 'chains-history');
    await page.context().close();
  });

  it('a 苏州 official creates a chain from a template, rejects a suggestion, renames and splits a segment', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-chains').click();
    await page.getByTestId('create-chain-button').click();
    await pickOption(page, page.getByTestId('create-chain-template'), '光伏产业链（9 个环节）');
    const name = `苏州市光伏产业链（演练${Date.now().toString(36)}）`;
    await page.getByTestId('create-chain-name').fill(name);
    await screenshot(page, 'chains-create-modal');
    await page.getByTestId('create-chain-ok').click();
    await page.getByTestId('chain-detail-page').waitFor();
    expect(await page.locator('.page-title').textContent()).toBe(name);

    await page.getByTestId('segment-module').click();
    const drawer = page.getByTestId('segment-drawer');
    const firstSuggestion = drawer.getByTestId('segment-suggestions').locator('[data-testid^="suggestion-"]').first();
    await firstSuggestion.waitFor();
    const uscc = (await firstSuggestion.getAttribute('data-testid'))!.replace('suggestion-', '');
    await drawer.getByTestId(`reject-${uscc}`).click();
    await expect.poll(() => drawer.getByTestId(`suggestion-${uscc}`).count()).toBe(0);

    await drawer.getByTestId('segment-edit').click();
    await page.getByTestId('segment-name-input').fill('光伏组件制造');
    await page.getByTestId('segment-modal-ok').click();
    await expect.poll(() => page.getByTestId('segment-drawer-title').textContent()).toBe('光伏组件制造');

    await drawer.getByTestId('segment-split').click();
    await page.getByTestId('split-part-0').fill('晶硅组件');
    await page.getByTestId('split-part-1').fill('薄膜组件');
    await page.getByTestId('segment-modal-ok').click();
    await expect.poll(() => page.getByTestId('segment-drawer-title').textContent()).toBe('晶硅组件');
    expect(await page.getByTestId('segment-module').count()).toBe(0);
    await page.getByRole('button', { name: /^薄膜组件（0）$/ }).waitFor();
    await screenshot(page, 'chains-after-split');

    await closeDrawer(page);
    await page.getByRole('tab', { name: '历史' }).click();
    const history = page.getByTestId('chain-history');
    await history.getByText('拆分环节').waitFor();
    for (const action of ['编辑环节', '拒绝推荐', '创建产业链']) {
      expect(await history.getByText(action).count(), action).toBeGreaterThan(0);
    }
    await page.context().close();
  });

  it('an SME reads the same map without write actions or suggestions', async () => {
    const page = await logIn('sme');
    await openSuzhouBatteryChain(page);
    await page.getByTestId('segment-cell').click();
    const drawer = page.getByTestId('segment-drawer');
    await drawer.getByTestId('segment-members').waitFor();
    const leader = DEMO_ANCHORS.find((a) => a.key === 'batteryLeader')!;
    expect(await drawer.getByTestId(`member-${leader.uscc}`).textContent()).toContain(leader.name);
    expect(await drawer.getByTestId('segment-members').textContent()).toContain('链主（');
    expect(await drawer.getByTestId('segment-suggestions').count()).toBe(0);
    expect(await page.getByTestId('add-segment-button').count()).toBe(0);
    expect(await page.getByTestId('segment-edit').count()).toBe(0);
    await screenshot(page, 'chains-sme-readonly');
    await page.context().close();
  });
});

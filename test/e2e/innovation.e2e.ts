import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, pickOption, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (username: string): Promise<Page> => logInAs(browser, username);

/** Type into an antd InputNumber by its test id (the id lands on the <input> itself in antd 5). */
async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId);
  const isInput = await target.evaluate((el) => el.tagName === 'INPUT');
  await (isInput ? target : target.locator('input')).fill(value);
}

async function openChallenge(page: Page, title: string): Promise<void> {
  await page.getByTestId('menu-challenges').click();
  await page.getByTestId('challenge-list-page').waitFor();
  await page.getByTestId('challenge-table').getByText(title).click();
  await page.getByTestId('challenge-detail-page').waitFor();
}

describe('a challenge goes from publication through application, assignment and blind review to the award', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `固态电池界面改性技术揭榜${tag}`;

  it('the leader publishes a challenge', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-challenges').click();
    await page.getByTestId('challenge-table').getByText('硫化物固态电解质量产工艺揭榜').waitFor();
    await screenshot(page, 'innovation-challenges-leader');
    await page.getByTestId('challenge-create-button').click();
    await page.getByTestId('challenge-create-page').waitFor();
    await page.getByTestId('challenge-title').fill(title);
    await page.getByTestId('challenge-problem').fill('需要固态电解质与正极界面的改性技术，降低界面阻抗并抑制副反应，兼容现有涂布产线。');
    await page.getByTestId('challenge-targets').locator('input').fill('界面阻抗≤20Ω·cm²');
    await page.keyboard.press('Enter');
    await page.getByTestId('challenge-fields').locator('input').fill('固态电池');
    await page.keyboard.press('Enter');
    await fillNumber(page, 'challenge-budget', '200');
    // The weak link it addresses: a segment of the demo's 苏州 battery chain.
    await pickOption(page, page.getByTestId('challenge-chain'), '苏州市新能源汽车动力电池产业链');
    await pickOption(page, page.getByTestId('challenge-segment'), '电芯制造');
    await screenshot(page, 'innovation-challenge-form');
    await page.getByTestId('challenge-submit').click();
    await page.getByTestId('challenge-detail-page').waitFor();
    await page.getByText(title).first().waitFor();
    await expect.poll(() => page.getByTestId('challenge-chain').innerText()).toBe('苏州市新能源汽车动力电池产业链');
    await expect.poll(() => page.getByTestId('challenge-segment').innerText()).toContain('电芯制造');
    await screenshot(page, 'innovation-challenge-chain-link');
    await page.context().close();
  });

  it('an SME applies and sees similar items', async () => {
    const page = await logIn('sme');
    await openChallenge(page, title);
    await page.getByTestId('apply-proposal').fill('采用原子层沉积在正极表面包覆LiNbO3纳米层，界面阻抗降至15Ω·cm²，可适配卷对卷涂布。');
    await page.getByTestId('apply-team').fill('博士2名、工程师4名');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('apply-done').waitFor();
    await expect.poll(() => page.getByTestId('application-table').innerText()).toContain('苏州锐铭精密机械有限公司');
    await screenshot(page, 'innovation-apply-sme');
    await page.context().close();
  });

  it('the leader assigns the expert by hand and the rest automatically', async () => {
    const page = await logIn('leader');
    await openChallenge(page, title);
    await page.getByTestId('assign-by-hand').click();
    await pickOption(page, page.getByTestId('assign-expert-select'), '王工');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('review-count').first().innerText()).toContain('王工');
    await page.getByTestId('assign-reviewers').click();
    await expect.poll(() => page.getByTestId('review-count').first().innerText()).toContain('0/3');
    await screenshot(page, 'innovation-assigned-leader');
    await page.context().close();
  });

  it('the expert scores it blind from the review queue', async () => {
    const page = await logIn('expert');
    await page.getByTestId('menu-challenges').click();
    await page.getByTestId('nav-reviews').click();
    await page.getByTestId('review-queue-page').waitFor();
    const row = page.getByTestId('review-table').locator('tr', { hasText: title });
    await screenshot(page, 'innovation-review-queue');
    await row.getByTestId('review-open').click();
    await page.getByTestId('review-form-page').waitFor();
    expect(await page.getByTestId('review-form-page').innerText()).not.toContain('苏州锐铭精密机械有限公司');
    for (const [key, value] of [['innovation', '90'], ['feasibility', '80'], ['team', '70'], ['cost', '60']]) {
      await fillNumber(page, `score-${key}`, value);
    }
    await expect.poll(() => page.getByTestId('review-live-total').innerText()).toBe('80');
    await screenshot(page, 'innovation-review-form');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-queue-page').waitFor();
    await expect.poll(() => page.getByTestId('review-table').locator('tr', { hasText: title }).innerText()).toContain('80');
    await page.context().close();
  });

  it('the leader sees the score and awards the application', async () => {
    const page = await logIn('leader');
    await openChallenge(page, title);
    await expect.poll(() => page.getByTestId('review-mean').first().innerText()).toBe('80');
    await page.getByTestId('award').first().click();
    await expect.poll(() => page.getByTestId('application-status').first().innerText()).toBe('揭榜成功');
    await page.getByText('已揭榜').first().waitFor();
    await screenshot(page, 'innovation-awarded-leader');
    await page.getByTestId('tab-milestones').click();
    await page.getByTestId('milestone-title').fill('界面包覆样品交付');
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone').first().waitFor();
    await screenshot(page, 'innovation-milestones-leader');
    await page.context().close();
  });
});

describe('an SME books a shared instrument on the calendar', () => {
  it('picks a free hour next week and the request is pending', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-resources').click();
    await page.getByTestId('resource-list-page').waitFor();
    await page.getByTestId('resource-table').getByText('场发射扫描电子显微镜（SEM）').click();
    await page.getByTestId('resource-detail-page').waitFor();
    await page.getByTestId('calendar-next-week').click();
    await page.getByTestId('calendar-free').nth(30).click();
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-done').waitFor();
    await expect.poll(async () => page.getByTestId('calendar-taken').count()).toBeGreaterThan(0);
    await screenshot(page, 'innovation-resource-calendar-sme');
    await page.context().close();
  });

  it('the owner sees the sharing figures', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-resources').click();
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('sharing-figures').getByText('场发射扫描电子显微镜（SEM）').waitFor();
    await screenshot(page, 'innovation-sharing-leader');
    await page.context().close();
  });
});

describe('challenge files behind the NDA', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const name = `电芯露点条件-${Math.random().toString(36).slice(2, 6)}.pdf`;

  it('the leader uploads a confidential file on the challenge page', async () => {
    const page = await logIn('leader');
    await openChallenge(page, '硫化物固态电解质量产工艺揭榜');
    // Public first, confidential second: the two upload buttons of the files card.
    await page.getByTestId('challenge-files').locator('input[type=file]').nth(1).setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('challenge-files-confidential').getByText(name).waitFor();
    await screenshot(page, 'innovation-challenge-files-leader');
    await page.context().close();
  });

  it('an SME sees it only after accepting the NDA, and downloads it', async () => {
    const page = await logIn('sme');
    await openChallenge(page, '硫化物固态电解质量产工艺揭榜');
    if (await page.getByTestId('accept-nda').isVisible()) {
      await page.getByTestId('challenge-files-locked').waitFor();
      expect(await page.getByTestId('challenge-files').innerText()).not.toContain(name);
      await screenshot(page, 'innovation-challenge-files-locked-sme');
      await page.getByTestId('accept-nda').click();
    }
    await page.getByTestId('challenge-files-confidential').getByText(name).waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('challenge-files-confidential').getByText(name).click();
    expect((await download).suggestedFilename()).toBe(name);
    await screenshot(page, 'innovation-challenge-files-sme');
    await page.context().close();
  });
});

describe('technology achievements: publish, match, interest and feedback, first-use records', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const title = `储能电池簇液冷板钎焊工艺${tag}`;

  it('the leader publishes an achievement and sees the needs it matches', async () => {
    const page = await logIn('leader');
    await page.getByTestId('menu-achievements').click();
    await page.getByTestId('achievement-table').getByText('硫化物固态电解质干法成膜工艺').waitFor();
    await screenshot(page, 'innovation-achievements-leader');
    await page.getByTestId('achievement-create-button').click();
    await page.getByTestId('achievement-create-page').waitFor();
    await page.getByTestId('achievement-title').fill(title);
    await page.getByTestId('achievement-field').fill('液冷板');
    await pickOption(page, page.getByTestId('achievement-trl'), 'TRL 7');
    await pickOption(page, page.getByTestId('achievement-mode'), '合作开发');
    await fillNumber(page, 'achievement-price-min', '50');
    await fillNumber(page, 'achievement-price-max', '120');
    await page.getByTestId('achievement-patents').locator('input').fill('CN116222333A');
    await page.keyboard.press('Enter');
    await page.getByTestId('achievement-summary').fill('真空钎焊铝合金液冷板，流道耐压1.5MPa无泄漏，适配储能电池簇与动力电池包热管理。');
    await screenshot(page, 'innovation-achievement-form');
    await page.getByTestId('achievement-submit').click();
    await page.getByTestId('achievement-detail-page').waitFor();
    await page.getByText('50 – 120 万元').waitFor();
    await page.getByTestId('achievement-need-matches').waitFor();
    await screenshot(page, 'innovation-achievement-detail-leader');
    await page.context().close();
  });

  it('an SME finds it, sends interest', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-achievements').click();
    await page.getByTestId('achievement-search').locator('input').fill(tag);
    await page.keyboard.press('Enter');
    await page.getByTestId('achievement-table').getByText(title).click();
    await page.getByTestId('achievement-detail-page').waitFor();
    await page.getByTestId('interest-message').fill('我司生产储能柜结构件，希望合作开发液冷板集成方案。');
    await page.getByTestId('interest-submit').click();
    await page.getByTestId('interest-sent').waitFor();
    await screenshot(page, 'innovation-achievement-interest-sme');
    await page.context().close();
  });

  it('the leader answers with a category, and the SME sees the feedback', async () => {
    const leader = await logIn('leader');
    await leader.getByTestId('menu-achievements').click();
    await leader.getByTestId('tab-interests').click();
    const row = leader.getByTestId('received-interests').locator('tr', { hasText: title });
    await row.getByTestId('interest-answer').click();
    await pickOption(leader, leader.getByTestId('interest-category'), '将联系洽谈');
    await leader.getByTestId('interest-note').fill('请提供柜体尺寸，下周安排技术交流。');
    await leader.getByTestId('interest-answer-ok').click();
    await leader.getByTestId('interest-answer-ok').waitFor({ state: 'detached' });
    await leader.getByTestId('received-interests').locator('tr', { hasText: title }).getByText('将联系洽谈').waitFor();
    await screenshot(leader, 'innovation-achievement-feedback-leader');
    await leader.context().close();

    const sme = await logIn('sme');
    await sme.getByTestId('menu-achievements').click();
    await sme.getByTestId('tab-interests').click();
    await sme.getByTestId('sent-interests').locator('tr', { hasText: title }).getByText('将联系洽谈').waitFor();
    await screenshot(sme, 'innovation-achievement-feedback-sme');
    await sme.context().close();
  });

  it('苏州’s department sees first-use records of its SMEs only, with an export', async () => {
    const page = await logIn('gov_sz');
    await page.getByTestId('menu-achievements').click();
    await page.getByTestId('tab-first-uses').click();
    await page.getByTestId('first-use-table').getByText('储能电池簇高压检测单元（首台套）').waitFor();
    expect(await page.getByTestId('first-use-table').innerText()).not.toContain('冷却泵用永磁电机');
    expect(await page.getByTestId('first-use-export').getAttribute('href')).toContain('/first-uses/export');
    await screenshot(page, 'innovation-first-uses-gov');
    // Gov users in scope manage the region's achievements: the needs a 苏州 institute's result matches.
    await page.getByText('成果库').click();
    await page.getByTestId('achievement-table').getByText('硫化物固态电解质干法成膜工艺').click();
    await page.getByTestId('achievement-need-matches').locator('tr.ant-table-row').first().waitFor();
    await screenshot(page, 'innovation-achievement-matches-gov');
    await page.context().close();
  });
});

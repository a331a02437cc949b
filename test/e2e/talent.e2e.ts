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

async function openConsultations(page: Page): Promise<void> {
  await page.getByTestId('menu-consultations').click();
  await page.getByTestId('consultation-list-page').waitFor();
}

describe('an SME asks an expert, the expert answers, the SME rates', () => {
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const question = `（${tag}）我们为锂电池客户开发固态电池模组的电池管理系统，如何估算电解质老化带来的内阻变化？`;

  it('the SME requests a consultation and sees whom it went to', async () => {
    const page = await logIn('sme');
    await openConsultations(page);
    await page.getByTestId('consultation-table').getByText('已评价').first().waitFor();
    await screenshot(page, 'talent-consultations-sme');
    await page.getByTestId('consultation-create-button').click();
    await page.getByTestId('consultation-field').fill('电池管理系统');
    await page.getByTestId('consultation-question').fill(question);
    await pickOption(page, page.getByTestId('consultation-urgency'), '紧急');
    await screenshot(page, 'talent-consultation-form');
    await page.getByTestId('consultation-submit').click();
    await page.getByTestId('consultation-detail-page').waitFor();
    await page.getByTestId('consultation-question-text').getByText(tag).waitFor();
    const experts = await page.getByTestId('consultation-route').allInnerTexts();
    expect(experts.some((text) => text.includes('王工'))).toBe(true);
    await screenshot(page, 'talent-consultation-routed');
    await page.context().close();
  });

  it('the expert finds it in the inbox and answers', async () => {
    const page = await logIn('expert');
    await openConsultations(page);
    await page.getByTestId('consultation-table').getByText(tag).waitFor();
    await screenshot(page, 'talent-consultations-expert-inbox');
    await page.getByTestId('consultation-table').getByText(tag).click();
    await page.getByTestId('consultation-detail-page').waitFor();
    await page.getByTestId('answer-input').fill('建议用在线等效电路模型结合定期满充标定估算欧姆内阻，电解质老化会使内阻逐步上升，可按循环次数和温度建立衰减曲线。');
    await page.getByTestId('answer-submit').click();
    await page.getByTestId('consultation-answer').getByText('等效电路').waitFor();
    await expect.poll(() => page.getByTestId('consultation-status').first().innerText()).toBe('已答复');
    await screenshot(page, 'talent-consultation-answered');
    await page.context().close();
  });

  it('the SME reads the answer and rates it, which closes the consultation', async () => {
    const page = await logIn('sme');
    await openConsultations(page);
    await page.getByTestId('consultation-table').getByText(tag).click();
    await page.getByTestId('consultation-detail-page').waitFor();
    await page.getByTestId('consultation-answer').getByText('等效电路').waitFor();
    await page.getByTestId('rate-stars').locator('.ant-rate-star').nth(3).click();
    await screenshot(page, 'talent-consultation-rate');
    await page.getByTestId('rate-submit').click();
    await expect.poll(() => page.getByTestId('consultation-status').first().innerText()).toBe('已评价');
    await page.getByTestId('consultation-rating').waitFor();
    await screenshot(page, 'talent-consultation-rated');
    await page.context().close();
  });

  it('苏州’s gov user sees the region’s list, figures and committees', async () => {
    const page = await logIn('gov_sz');
    await openConsultations(page);
    await page.getByTestId('consultation-figures').waitFor();
    await page.getByTestId('consultation-table').getByText(tag).waitFor();
    await screenshot(page, 'talent-consultations-gov');
    await page.getByTestId('nav-committees').click();
    await page.getByTestId('committee-table').getByText('苏州市新能源技术专家咨询委员会').waitFor();
    await screenshot(page, 'talent-committees-gov');
    await page.context().close();
  });
});

describe('an SME enrols a trainee in a leader’s course', () => {
  const trainee = `王${Math.random().toString(36).slice(2, 5).toUpperCase()}`;

  it('the SME enrols, sees the seat taken and its enrolment listed', async () => {
    const page = await logIn('sme');
    await page.getByTestId('menu-consultations').click();
    await page.getByTestId('nav-courses').click();
    await page.getByTestId('course-list-page').waitFor();
    const row = page.getByTestId('course-table').locator('tr').filter({ hasText: '锂电池激光焊接工艺与焊缝检测实训' });
    await row.waitFor();
    const before = await row.getByTestId('course-seats').innerText();
    await screenshot(page, 'talent-courses-sme');
    await row.getByTestId('course-enrol').click();
    await page.getByTestId('enrol-trainee').fill(trainee);
    await screenshot(page, 'talent-course-enrol');
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => row.getByTestId('course-seats').innerText()).not.toBe(before);
    await page.getByTestId('tab-my-enrolments').click();
    await page.getByTestId('my-enrolment-table').getByText(trainee).waitFor();
    await screenshot(page, 'talent-course-my-enrolments');
    await page.context().close();
  });

  it('the leader sees the roster of its course', async () => {
    const page = await logIn('leader');
    await page.goto(new URL('/courses', page.url()).toString());
    await page.getByTestId('course-list-page').waitFor();
    await page.getByTestId('tab-provided').click();
    const row = page.getByTestId('provided-course-table').locator('tr').filter({ hasText: '锂电池激光焊接工艺与焊缝检测实训' });
    await row.getByTestId('course-roster').click();
    await page.getByTestId('roster-table').getByText(trainee).waitFor();
    await screenshot(page, 'talent-course-roster-leader');
    await page.getByTestId('roster-close').click();
    await page.context().close();
  });
});

/** Timetables and the fair grid as Excel workbooks. */
import ExcelJS from 'exceljs';
import { BUSINESS_TZ } from '../../platform/dates.js';
import type { FairRecord, MeetingRecord, RegistrationRecord } from './fairs.repo.js';
import type { FairSlot } from './fairs.service.js';

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: BUSINESS_TZ, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: BUSINESS_TZ, hour: '2-digit', minute: '2-digit', hour12: false });

/** "11/28 09:00–09:20" in Asia/Shanghai. */
export function slotLabel(startsAt: Date, endsAt: Date): string {
  return `${timeFormat.format(startsAt)}–${clock.format(endsAt)}`;
}

const OUTCOME_LABELS: Record<string, string> = { deal: '签约', follow_up: '继续洽谈', no_interest: '无合作意向', no_show: '未到场' };

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One participant's timetable: time, table, counterpart, mutual, outcome. */
export async function exportTimetable(fair: FairRecord, registration: RegistrationRecord, meetings: MeetingRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('个人日程');
  sheet.addRow([`${fair.title} · ${registration.name}`]).font = { bold: true, size: 14 };
  sheet.addRow([fair.venue]);
  sheet.addRow([]);
  const header = sheet.addRow(['时间', '桌号', '洽谈对象', '统一社会信用代码', '双向意向', '结果']);
  header.font = { bold: true };
  for (const m of meetings) {
    const other = m.large.registrationId === registration.id ? m.sme : m.large;
    sheet.addRow([slotLabel(m.startsAt, m.endsAt), m.table, other.name, other.uscc, m.isMutual ? '是' : '否', m.outcome ? OUTCOME_LABELS[m.outcome] : '']);
  }
  sheet.columns.forEach((c, i) => {
    c.width = [22, 8, 36, 22, 10, 12][i];
  });
  return toBuffer(workbook);
}

/** The whole fair: a grid sheet (slots × tables) and a list sheet of every meeting. */
export async function exportGrid(fair: FairRecord, slots: FairSlot[], meetings: MeetingRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const grid = workbook.addWorksheet('排期总表');
  const maxTables = Math.max(0, ...slots.map((s) => s.tables));
  grid.addRow(['时间', ...Array.from({ length: maxTables }, (_, i) => `${i + 1}号桌`)]).font = { bold: true };
  const at = new Map(meetings.map((m) => [`${m.sessionId}/${m.slotIndex}/${m.table}`, m]));
  for (const slot of slots) {
    grid.addRow([slotLabel(slot.startsAt, slot.endsAt), ...Array.from({ length: maxTables }, (_, i) => {
      const m = at.get(`${slot.sessionId}/${slot.slotIndex}/${i + 1}`);
      return m ? `${m.large.name} × ${m.sme.name}` : '';
    })]);
  }
  grid.getColumn(1).width = 22;
  for (let i = 2; i <= maxTables + 1; i++) grid.getColumn(i).width = 30;
  const list = workbook.addWorksheet('洽谈清单');
  list.addRow(['时间', '桌号', '大企业', '大企业信用代码', '中小企业', '中小企业信用代码', '双向意向', '结果', '签约金额(元)']).font = { bold: true };
  for (const m of meetings) {
    list.addRow([slotLabel(m.startsAt, m.endsAt), m.table, m.large.name, m.large.uscc, m.sme.name, m.sme.uscc, m.isMutual ? '是' : '否', m.outcome ? OUTCOME_LABELS[m.outcome] : '', m.amountFen === null ? null : Number(m.amountFen) / 100]);
  }
  list.columns.forEach((c, i) => {
    c.width = [22, 8, 30, 22, 30, 22, 10, 12, 14][i];
  });
  return toBuffer(workbook);
}

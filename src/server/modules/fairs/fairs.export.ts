/** Timetables and the fair grid as Excel workbooks. */
import { BUSINESS_TZ } from '../../platform/dates.js';
import { type SheetRow, writeWorkbook } from '../../platform/workbook.js';
import type { FairRecord, MeetingRecord, RegistrationRecord } from './fairs.repo.js';
import type { FairSlot } from './fairs.service.js';

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: BUSINESS_TZ, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: BUSINESS_TZ, hour: '2-digit', minute: '2-digit', hour12: false });

/** "11/28 09:00–09:20" in Asia/Shanghai. */
export function slotLabel(startsAt: Date, endsAt: Date): string {
  return `${timeFormat.format(startsAt)}–${clock.format(endsAt)}`;
}

const OUTCOME_LABELS: Record<string, string> = { deal: '签约', follow_up: '继续洽谈', no_interest: '无合作意向', no_show: '未到场' };

/** One participant's timetable: time, table, counterpart, mutual, outcome. */
export async function exportTimetable(fair: FairRecord, registration: RegistrationRecord, meetings: MeetingRecord[]): Promise<Buffer> {
  return writeWorkbook({
    name: '个人日程',
    preamble: [`${fair.title} · ${registration.name}`, fair.venue],
    columns: [
      { header: '时间', key: 'time', width: 22 },
      { header: '桌号', key: 'table', width: 8 },
      { header: '洽谈对象', key: 'name', width: 36 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '双向意向', key: 'mutual', width: 10 },
      { header: '结果', key: 'outcome', width: 12 },
    ],
    rows: meetings.map((m) => {
      const other = m.large.registrationId === registration.id ? m.sme : m.large;
      return { time: slotLabel(m.startsAt, m.endsAt), table: m.table, name: other.name, uscc: other.uscc, mutual: m.isMutual ? '是' : '否', outcome: m.outcome ? OUTCOME_LABELS[m.outcome] : '' };
    }),
  });
}

/** The whole fair: a grid sheet (slots × tables) and a list sheet of every meeting. */
export async function exportGrid(fair: FairRecord, slots: FairSlot[], meetings: MeetingRecord[]): Promise<Buffer> {
  const maxTables = Math.max(0, ...slots.map((s) => s.tables));
  const tables = Array.from({ length: maxTables }, (_, i) => i + 1);
  const at = new Map(meetings.map((m) => [`${m.sessionId}/${m.slotIndex}/${m.table}`, m]));
  const grid = {
    name: '排期总表',
    columns: [{ header: '时间', key: 'time', width: 22 }, ...tables.map((t) => ({ header: `${t}号桌`, key: `t${t}`, width: 30 }))],
    rows: slots.map((slot) => {
      const row: SheetRow = { time: slotLabel(slot.startsAt, slot.endsAt) };
      for (const t of tables) {
        const m = at.get(`${slot.sessionId}/${slot.slotIndex}/${t}`);
        row[`t${t}`] = m ? `${m.large.name} × ${m.sme.name}` : '';
      }
      return row;
    }),
  };
  const list = {
    name: '洽谈清单',
    columns: [
      { header: '时间', key: 'time', width: 22 },
      { header: '桌号', key: 'table', width: 8 },
      { header: '大企业', key: 'large', width: 30 },
      { header: '大企业信用代码', key: 'largeUscc', width: 22 },
      { header: '中小企业', key: 'sme', width: 30 },
      { header: '中小企业信用代码', key: 'smeUscc', width: 22 },
      { header: '双向意向', key: 'mutual', width: 10 },
      { header: '结果', key: 'outcome', width: 12 },
      { header: '签约金额(元)', key: 'amount', width: 14 },
    ],
    rows: meetings.map((m) => ({
      time: slotLabel(m.startsAt, m.endsAt), table: m.table, large: m.large.name, largeUscc: m.large.uscc, sme: m.sme.name, smeUscc: m.sme.uscc,
      mutual: m.isMutual ? '是' : '否', outcome: m.outcome ? OUTCOME_LABELS[m.outcome] : '', amount: m.amountFen === null ? null : Number(m.amountFen) / 100,
    })),
  };
  return writeWorkbook(grid, list);
}

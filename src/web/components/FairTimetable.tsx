import { App as AntApp, Button, Form, InputNumber, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { MEETING_OUTCOMES, type MeetingOutcome, type MeetingView } from '../../contracts/fairs';
import { useLang, useT } from '../i18n';
import { formatNumber } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useRecordOutcome } from '../queries/fairs';

const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' });

/** "03/15 09:00–09:20" in Asia/Shanghai. */
export function slotText(startsAt: string, endsAt: string): string {
  return `${day.format(new Date(startsAt))} ${clock.format(new Date(startsAt))}–${clock.format(new Date(endsAt))}`;
}

interface FairTimetableProps {
  fairId: string;
  /** Registration id of the participant whose timetable this is (the counterpart is the other side). */
  registrationId: string;
  meetings: MeetingView[];
  /** Show the outcome column's button (participants after the fair, organisers). */
  canRecord: boolean;
}

/** A participant's meetings in time order: time, table, counterpart, mutual wish, outcome. */
export function FairTimetable({ fairId, registrationId, meetings, canRecord }: FairTimetableProps) {
  const t = useT();
  const lang = useLang();
  const [editing, setEditing] = useState<MeetingView | null>(null);
  return (
    <>
      <Table<MeetingView>
        data-testid="fair-timetable"
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={meetings}
        locale={{ emptyText: t('fairs.timetable.empty') }}
        columns={[
          { title: t('fairs.timetable.time'), key: 'time', width: 170, render: (_, m) => slotText(m.startsAt, m.endsAt) },
          { title: t('fairs.timetable.table'), dataIndex: 'table', width: 80, render: (n: number) => t('fairs.timetable.tableNo', { n }) },
          { title: t('fairs.timetable.counterpart'), key: 'other', render: (_, m) => (m.large.registrationId === registrationId ? m.sme.name : m.large.name) },
          { title: t('fairs.timetable.mutual'), dataIndex: 'isMutual', width: 100, render: (isMutual: boolean) => (isMutual ? <Tag color="green">{t('fairs.wish.mutual')}</Tag> : null) },
          {
            title: t('fairs.timetable.outcome'),
            key: 'outcome',
            width: 220,
            render: (_, m) => (
              <>
                {m.outcome ? <Tag color={m.outcome === 'deal' ? 'red' : 'default'}>{t(`fairs.outcome.${m.outcome}`)}{m.amountFen ? ` ${formatNumber(lang, Number(m.amountFen) / 100)} ${t('fairs.outcome.yuan')}` : ''}</Tag> : null}
                {canRecord && (
                  <Button size="small" className="no-print" onClick={() => setEditing(m)} data-testid="meeting-outcome-button">
                    {t('fairs.outcome.record')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      {editing && <OutcomeModal fairId={fairId} meeting={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function OutcomeModal({ fairId, meeting, onClose }: { fairId: string; meeting: MeetingView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const record = useRecordOutcome();
  const [form] = Form.useForm<{ outcome: MeetingOutcome; amountYuan?: number; note?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const submit = (values: { outcome: MeetingOutcome; amountYuan?: number; note?: string }) =>
    record.mutate(
      { id: fairId, meetingId: meeting.id, body: { outcome: values.outcome, amountFen: values.outcome === 'deal' && values.amountYuan !== undefined && values.amountYuan !== null ? Math.round(values.amountYuan * 100) : undefined, note: values.note } },
      { onSuccess: () => { message.success(t('fairs.action.done')); onClose(); }, onError: (err) => message.error(errorMessage(err, t)) },
    );
  return (
    <Modal open title={t('fairs.outcome.title')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: record.isPending }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: meeting.outcome ?? 'deal', amountYuan: meeting.amountFen ? Number(meeting.amountFen) / 100 : undefined, note: meeting.note ?? '' }}>
        <Form.Item name="outcome" label={t('fairs.timetable.outcome')}>
          <Select options={MEETING_OUTCOMES.map((o) => ({ value: o, label: t(`fairs.outcome.${o}`) }))} />
        </Form.Item>
        {outcome === 'deal' && (
          <Form.Item name="amountYuan" label={t('fairs.outcome.amount')}>
            <InputNumber min={0} precision={2} style={{ width: 220 }} addonAfter={t('fairs.outcome.yuan')} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('fairs.outcome.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

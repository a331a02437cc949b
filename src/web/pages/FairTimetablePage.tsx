import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { FairTimetable } from '../components/FairTimetable';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { timetableExportUrl, useFair, useTimetable } from '../queries/fairs';

/** Printing hides the app frame and the buttons: only the timetable goes on paper. */
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .fair-print .ant-card { box-shadow: none; border: none; }
}`;

/** A printable timetable: the member's own, or (organisers) the one named by `?uscc=`. */
export function FairTimetablePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const uscc = params.get('uscc') ?? undefined;
  const t = useT();
  const fair = useFair(id);
  const timetable = useTimetable(id, uscc, true);
  const error = fair.error ?? timetable.error;
  if (error) return <ProblemAlert error={error} />;
  if (!fair.data || !timetable.data) return <Card loading />;
  const f = fair.data;
  const tt = timetable.data;
  const registrationId = tt.meetings[0] ? (tt.meetings[0].large.uscc === tt.uscc ? tt.meetings[0].large.registrationId : tt.meetings[0].sme.registrationId) : '';
  return (
    <div className="fair-print" data-testid="fair-timetable-page">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Link to={`/fairs/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('fairs.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('fairs.print')}
        </Button>
        <Button icon={<DownloadOutlined />} href={timetableExportUrl(id, uscc)}>
          {t('fairs.exportExcel')}
        </Button>
      </Space>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {f.title}
        </Typography.Title>
        <Typography.Paragraph>
          <strong data-testid="timetable-owner">{tt.name}</strong> · {t('fairs.timetable.count', { n: tt.meetings.length })}
          {f.venue ? ` · ${f.venue}` : ''}
        </Typography.Paragraph>
        <FairTimetable fairId={id} registrationId={registrationId} meetings={tt.meetings} canRecord={false} />
      </Card>
    </div>
  );
}

import { LockOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Typography } from 'antd';
import type { ChallengeView } from '../../../contracts/innovation';
import { FileLinks, FileUploadButton } from '../../components/Attachments';
import { useT } from '../../i18n';
import { useChallengeFiles } from '../../queries/innovation';

/**
 * 榜单附件: public files for everyone signed in; confidential ones only for organisations that
 * accepted the NDA and the challenge's managers (the server decides: `confidentialFiles` is null
 * otherwise, and a download without the NDA is a 404). Managers upload either kind here.
 */
export function ChallengeFilesCard({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const files = useChallengeFiles(challenge.id);
  const path = `/challenges/${challenge.id}/files`;
  const hrefOf = (f: { id: string }) => `${path}/${f.id}`;
  const refresh = () => void files.refetch();
  const confidential = files.data?.confidentialFiles ?? null;
  return (
    <Card
      title={t('innovation.files.title')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="challenge-files"
      extra={
        challenge.canManage ? (
          <Space>
            <FileUploadButton path={path} testId="challenge-file-upload" label={t('innovation.files.uploadPublic')} onUploaded={refresh} />
            {challenge.isConfidential && (
              <FileUploadButton path={path} fields={{ confidential: 'true' }} testId="challenge-file-upload-confidential" label={t('innovation.files.uploadConfidential')} onUploaded={refresh} />
            )}
          </Space>
        ) : null
      }
    >
      <Row gutter={24}>
        <Col xs={24} md={12} data-testid="challenge-files-public">
          <Typography.Text strong>{t('innovation.files.public')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <FileLinks files={files.data?.files ?? []} hrefOf={hrefOf} />
          </div>
        </Col>
        {challenge.isConfidential && (
          <Col xs={24} md={12} data-testid="challenge-files-confidential">
            <Typography.Text strong>
              <LockOutlined /> {t('innovation.files.confidential')}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              {confidential === null ? (
                <Typography.Text type="secondary" data-testid="challenge-files-locked">{t('innovation.files.locked')}</Typography.Text>
              ) : (
                <FileLinks files={confidential} hrefOf={hrefOf} />
              )}
            </div>
          </Col>
        )}
      </Row>
    </Card>
  );
}

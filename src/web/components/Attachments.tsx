import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Popconfirm, Space, Typography, Upload } from 'antd';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type FileView } from '../../contracts/files';
import { apiUrl } from '../api';
import { useLang, useT } from '../i18n';
import { formatNumber } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useNeedFiles, useRemoveNeedFile, useUploadFile } from '../queries/deals';

const ACCEPT = Object.keys(ATTACHMENT_TYPES).map((ext) => `.${ext}`).join(',');

/** Files as download links (`hrefOf` builds the owning resource's download path). */
export function FileLinks({ files, hrefOf, onRemove }: { files: FileView[]; hrefOf: (file: FileView) => string; onRemove?: (file: FileView) => void }) {
  const t = useT();
  const lang = useLang();
  if (files.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={2} data-testid="file-links">
      {files.map((f) => (
        <Space key={f.id} size={4}>
          <PaperClipOutlined />
          <a href={apiUrl(hrefOf(f))} download={f.name}>
            {f.name}
          </a>
          <Typography.Text type="secondary">{f.sizeBytes < 1024 ? `${f.sizeBytes} B` : `${formatNumber(lang, f.sizeBytes / 1024, 0)} KB`}</Typography.Text>
          {onRemove && (
            <Popconfirm title={t('deals.files.removeConfirm')} onConfirm={() => onRemove(f)}>
              <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('deals.files.remove')} />
            </Popconfirm>
          )}
        </Space>
      ))}
    </Space>
  );
}

/** An upload button posting one file to `path` (size and type checked here first, and again by the server). */
export function FileUploadButton({ path, testId, onUploaded }: { path: string; testId: string; onUploaded?: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const upload = useUploadFile(path);
  return (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > ATTACHMENT_MAX_BYTES) {
          message.error(t('deals.files.tooLarge', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 }));
          return Upload.LIST_IGNORE;
        }
        upload.mutate(file, { onSuccess: () => { message.success(t('deals.files.uploaded')); onUploaded?.(); }, onError: (err) => message.error(errorMessage(err, t)) });
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid={testId}>
        {t('deals.files.upload')}
      </Button>
    </Upload>
  );
}

/** A need's attachments: links for its readers, upload and remove for its managers while the need is open. */
export function NeedFilesCard({ needId, canChange }: { needId: string; canChange: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const files = useNeedFiles(needId);
  const remove = useRemoveNeedFile(needId);
  return (
    <Card
      title={t('deals.files.title')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="need-files"
      extra={canChange ? <FileUploadButton path={`/needs/${needId}/files`} testId="need-file-upload" /> : null}
    >
      {canChange && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('deals.files.hint')}</Typography.Paragraph>}
      <FileLinks
        files={files.data?.items ?? []}
        hrefOf={(f) => `/needs/${needId}/files/${f.id}`}
        onRemove={canChange ? (f) => remove.mutate(f.id, { onError: (err) => message.error(errorMessage(err, t)) }) : undefined}
      />
    </Card>
  );
}

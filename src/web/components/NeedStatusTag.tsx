import { Tag } from 'antd';
import type { NeedKind, NeedStatus } from '../../contracts/matching';
import { useT } from '../i18n';

const COLORS: Record<NeedStatus, string> = { draft: 'default', submitted: 'orange', published: 'green', closed: 'default', fulfilled: 'blue' };

/** A need's workflow status as a coloured tag. */
export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-testid={`need-status-${status}`}>
      {t(`matching.status.${status}`)}
    </Tag>
  );
}

/** A need's kind as a tag. */
export function NeedKindTag({ kind }: { kind: NeedKind }) {
  const t = useT();
  return <Tag color="geekblue">{t(`matching.kind.${kind}`)}</Tag>;
}

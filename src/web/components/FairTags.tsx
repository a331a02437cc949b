import { Tag } from 'antd';
import type { FairStatus, ParticipantKind, RegistrationStatus } from '../../contracts/fairs';
import { useT } from '../i18n';

const STATUS_COLORS: Record<FairStatus, string> = { draft: 'default', open: 'green', closed: 'orange' };
const REGISTRATION_COLORS: Record<RegistrationStatus, string> = { registered: 'blue', waitlisted: 'gold', cancelled: 'default' };

/** A fair's status. */
export function FairStatusTag({ status }: { status: FairStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`fair-status-${status}`}>
      {t(`fairs.status.${status}`)}
    </Tag>
  );
}

/** A registration's status, with the waitlist position. */
export function RegistrationTag({ status, position }: { status: RegistrationStatus; position?: number | null }) {
  const t = useT();
  return (
    <Tag color={REGISTRATION_COLORS[status]} data-testid={`registration-${status}`}>
      {status === 'waitlisted' && position ? t('fairs.registration.waitlistedAt', { n: position }) : t(`fairs.registration.${status}`)}
    </Tag>
  );
}

/** Large firm / SME. */
export function KindTag({ kind }: { kind: ParticipantKind }) {
  const t = useT();
  return <Tag color={kind === 'large' ? 'purple' : 'cyan'}>{t(`fairs.kind.${kind}`)}</Tag>;
}

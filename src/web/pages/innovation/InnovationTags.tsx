import { Segmented, Tag } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { ApplicationStatus, BookingStatus, ChallengeStatus, ChallengeType } from '../../../contracts/innovation';
import { useT } from '../../i18n';
import { useCurrentUser } from '../../queries/auth';

const CHALLENGE_COLORS: Record<ChallengeStatus, string> = { open: 'green', reviewing: 'blue', awarded: 'gold', cancelled: 'default' };
const APPLICATION_COLORS: Record<ApplicationStatus, string> = { submitted: 'default', shortlisted: 'blue', awarded: 'gold', rejected: 'red', withdrawn: 'default' };
const BOOKING_COLORS: Record<BookingStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red', cancelled: 'default' };

export function ChallengeStatusTag({ status }: { status: ChallengeStatus }) {
  const t = useT();
  return <Tag color={CHALLENGE_COLORS[status]}>{t(`innovation.status.${status}`)}</Tag>;
}

export function ChallengeTypeTag({ type }: { type: ChallengeType }) {
  const t = useT();
  return <Tag color="purple">{t(`innovation.type.${type}`)}</Tag>;
}

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <Tag color={APPLICATION_COLORS[status]} data-testid="application-status">{t(`innovation.appStatus.${status}`)}</Tag>;
}

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const t = useT();
  return <Tag color={BOOKING_COLORS[status]} data-testid="booking-status">{t(`innovation.booking.status.${status}`)}</Tag>;
}

/** Tabs between the challenge pages: the hall, the expert's queue and profile. */
export function ChallengeNav() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (user.role !== 'expert') return null;
  const value = pathname.startsWith('/reviews') ? '/reviews' : pathname.startsWith('/experts') ? '/experts/me' : '/challenges';
  return (
    <Segmented
      className="module-nav"
      value={value}
      onChange={(path) => navigate(String(path))}
      options={[
        { value: '/challenges', label: t('innovation.nav.challenges') },
        { value: '/reviews', label: <span data-testid="nav-reviews">{t('innovation.nav.reviews')}</span> },
        { value: '/experts/me', label: <span data-testid="nav-expert">{t('innovation.nav.expert')}</span> },
      ]}
      style={{ marginBottom: 12 }}
    />
  );
}

/** 万元 text of a fen amount. */
export function wanText(fen: number | null): string {
  return fen === null ? '—' : `${fen / 1_000_000} 万元`;
}

import { Tag } from 'antd';
import type { ApplicationStatus, BookingStatus, ChallengeStatus, ChallengeType } from '../../../contracts/innovation';
import { ModuleNav, type ModuleNavItem } from '../../components/ModuleNav';
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

const CHALLENGE_TABS: readonly ModuleNavItem[] = [
  { path: '/challenges', labelKey: 'innovation.nav.challenges' },
  { path: '/reviews', labelKey: 'innovation.nav.reviews', testId: 'nav-reviews' },
  { path: '/experts/me', labelKey: 'innovation.nav.expert', match: '/experts', testId: 'nav-expert' },
];

/** Tabs between the challenge pages: the hall, the expert's queue and profile (experts only). */
export function ChallengeNav() {
  const user = useCurrentUser();
  return user.role === 'expert' ? <ModuleNav items={CHALLENGE_TABS} /> : null;
}

/** 万元 text of a fen amount. */
export function wanText(fen: number | null): string {
  return fen === null ? '—' : `${fen / 1_000_000} 万元`;
}

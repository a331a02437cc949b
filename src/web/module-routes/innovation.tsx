import { lazy } from 'react';
import { Route } from 'react-router';

const ChallengeListPage = lazy(() => import('../pages/innovation/ChallengeListPage').then((m) => ({ default: m.ChallengeListPage })));
const ChallengeCreatePage = lazy(() => import('../pages/innovation/ChallengeCreatePage').then((m) => ({ default: m.ChallengeCreatePage })));
const ChallengeDetailPage = lazy(() => import('../pages/innovation/ChallengeDetailPage').then((m) => ({ default: m.ChallengeDetailPage })));
const ReviewQueuePage = lazy(() => import('../pages/innovation/ReviewPages').then((m) => ({ default: m.ReviewQueuePage })));
const ReviewFormPage = lazy(() => import('../pages/innovation/ReviewPages').then((m) => ({ default: m.ReviewFormPage })));
const ExpertPoolPage = lazy(() => import('../pages/innovation/ExpertPoolPage').then((m) => ({ default: m.ExpertPoolPage })));
const ExpertProfilePage = lazy(() => import('../pages/innovation/ReviewPages').then((m) => ({ default: m.ExpertProfilePage })));
const ResourceListPage = lazy(() => import('../pages/innovation/ResourcePages').then((m) => ({ default: m.ResourceListPage })));
const AchievementListPage = lazy(() => import('../pages/innovation/AchievementPages').then((m) => ({ default: m.AchievementListPage })));
const AchievementCreatePage = lazy(() => import('../pages/innovation/AchievementPages').then((m) => ({ default: m.AchievementCreatePage })));
const AchievementDetailPage = lazy(() => import('../pages/innovation/AchievementPages').then((m) => ({ default: m.AchievementDetailPage })));
const ConsultationListPage = lazy(() => import('../pages/innovation/ConsultationPages').then((m) => ({ default: m.ConsultationListPage })));
const ConsultationDetailPage = lazy(() => import('../pages/innovation/ConsultationPages').then((m) => ({ default: m.ConsultationDetailPage })));
const CommitteeListPage = lazy(() => import('../pages/innovation/CommitteePages').then((m) => ({ default: m.CommitteeListPage })));
const CourseListPage = lazy(() => import('../pages/innovation/CoursePages').then((m) => ({ default: m.CourseListPage })));
const ConsortiumListPage = lazy(() => import('../pages/innovation/CollabPages').then((m) => ({ default: m.ConsortiumListPage })));
const ConsortiumDetailPage = lazy(() => import('../pages/innovation/CollabPages').then((m) => ({ default: m.ConsortiumDetailPage })));
const IpPage = lazy(() => import('../pages/innovation/CollabPages').then((m) => ({ default: m.IpPage })));
const GreenPage = lazy(() => import('../pages/innovation/CollabPages').then((m) => ({ default: m.GreenPage })));
const SecondmentListPage = lazy(() => import('../pages/innovation/SecondmentPages').then((m) => ({ default: m.SecondmentListPage })));
const SecondmentDetailPage = lazy(() => import('../pages/innovation/SecondmentPages').then((m) => ({ default: m.SecondmentDetailPage })));
const TalentEventListPage = lazy(() => import('../pages/innovation/TalentEventPages').then((m) => ({ default: m.TalentEventListPage })));
const InvestmentsPage = lazy(() => import('../pages/innovation/InvestmentsPage').then((m) => ({ default: m.InvestmentsPage })));
const ResourceDetailPage = lazy(() => import('../pages/innovation/ResourcePages').then((m) => ({ default: m.ResourceDetailPage })));

/** Routes of the innovation and talent: challenges, reviews, the expert profile, shared resources: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const innovationRoutes = (
  <>
    <Route path="challenges" element={<ChallengeListPage />} />
    <Route path="challenges/new" element={<ChallengeCreatePage />} />
    <Route path="challenges/:id" element={<ChallengeDetailPage />} />
    <Route path="reviews" element={<ReviewQueuePage />} />
    <Route path="reviews/:id" element={<ReviewFormPage />} />
    <Route path="experts" element={<ExpertPoolPage />} />
    <Route path="experts/me" element={<ExpertProfilePage />} />
    <Route path="resources" element={<ResourceListPage />} />
    <Route path="resources/:id" element={<ResourceDetailPage />} />
    <Route path="achievements" element={<AchievementListPage />} />
    <Route path="achievements/new" element={<AchievementCreatePage />} />
    <Route path="achievements/:id" element={<AchievementDetailPage />} />
    <Route path="consultations" element={<ConsultationListPage />} />
    <Route path="consultations/:id" element={<ConsultationDetailPage />} />
    <Route path="committees" element={<CommitteeListPage />} />
    <Route path="courses" element={<CourseListPage />} />
    <Route path="consortia" element={<ConsortiumListPage />} />
    <Route path="consortia/:id" element={<ConsortiumDetailPage />} />
    <Route path="standards-patents" element={<IpPage />} />
    <Route path="green" element={<GreenPage />} />
    <Route path="secondments" element={<SecondmentListPage />} />
    <Route path="secondments/:id" element={<SecondmentDetailPage />} />
    <Route path="investments" element={<InvestmentsPage />} />
    <Route path="talent-events" element={<TalentEventListPage />} />
  </>
);

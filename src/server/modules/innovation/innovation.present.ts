/** Row → API shapes of the innovation module (explicit field lists). */
import type { ApplicationView, BookingView, ChallengeView, ExpertView, MilestoneView, QuestionView, ResourceView, ReviewView } from '../../../contracts/innovation.js';
import type { Actor } from '../../platform/actor.js';
import { regionFullName } from '../../platform/regions.js';
import type { ApplicationRecord, MilestoneRecord, QuestionRecord } from './challenges.repo.js';
import { CANCELLABLE, deadlineDate, type ChallengeForActor } from './challenges.service.js';
import { canManage } from './innovation.policy.js';
import type { BookingRecord, ResourceRecord } from './resources.repo.js';
import type { ExpertRecord, ReviewRecord } from './reviews.repo.js';
import type { ReviewResult } from './reviews.service.js';

export function presentChallenge(view: ChallengeForActor): ChallengeView {
  const c = view.challenge;
  return {
    id: c.id, title: c.title, type: c.type, problem: c.problem, targets: c.targets, fields: c.fields, budgetFen: c.budgetFen === null ? null : Number(c.budgetFen),
    deadline: deadlineDate(c.deadline), isOpen: c.status === 'open' && c.deadline.getTime() > Date.now(), ipTerms: c.ipTerms, isConfidential: c.isConfidential, ndaText: c.ndaText,
    confidentialDetails: view.canReadConfidential ? c.confidentialDetails : null, hasAcceptedNda: view.hasAcceptedNda, criteria: c.criteria, reviewsPerApplication: c.reviewsPerApplication,
    disagreementThreshold: c.disagreementThreshold, cancelReason: c.cancelReason, cancelledAt: c.cancelledAt?.toISOString() ?? null,
    canCancel: view.isPublisher && CANCELLABLE.includes(c.status), canSetThreshold: view.canSetThreshold,
    status: c.status, ownerName: c.ownerName, ownerUscc: c.ownerUscc, regionCode: c.regionCode, applicationCount: c.applicationCount, canManage: view.canManage,
    myApplicationId: view.myApplicationId, createdAt: c.createdAt.toISOString(),
    chainId: c.chainId, chainName: c.chainName, segmentKey: c.segmentKey, segmentName: c.segmentName,
  };
}

export function presentQuestion(q: QuestionRecord): QuestionView {
  return { id: q.id, question: q.question, answer: q.answer, askedAt: q.askedAt.toISOString(), answeredAt: q.answeredAt?.toISOString() ?? null };
}

export function presentApplication(a: ApplicationRecord, result: ReviewResult | null): ApplicationView {
  return {
    id: a.id, challengeId: a.challengeId, applicantName: a.applicantName, applicantUscc: a.applicantUscc, regionCode: a.regionCode, proposal: a.proposal, team: a.team, schedule: a.schedule,
    status: a.status, createdAt: a.createdAt.toISOString(), result,
  };
}

export function presentReview(r: ReviewRecord): ReviewView {
  return {
    id: r.id, challengeId: r.challengeId, applicationId: r.applicationId, challengeTitle: r.challengeTitle, challengeType: r.challengeType, problem: r.problem, targets: r.targets, criteria: r.criteria, proposal: r.proposal,
    team: r.team, schedule: r.schedule, status: r.status, scores: r.scores, total: r.total, comment: r.comment, assignedAt: r.assignedAt.toISOString(),
  };
}

export function presentMilestone(m: MilestoneRecord): MilestoneView {
  return { id: m.id, applicationId: m.applicationId, title: m.title, dueDate: m.dueDate, weightPct: m.weightPct, status: m.status, report: m.report, acceptedAt: m.acceptedAt?.toISOString() ?? null };
}

export function presentExpert(x: ExpertRecord & { conflicts: ExpertView['conflicts'] }): ExpertView {
  return {
    id: x.id, name: x.name, fields: x.fields, affiliation: x.affiliation, affiliationUscc: x.affiliationUscc, regionCode: x.regionCode, regionName: regionFullName(x.regionCode) ?? x.regionCode, maxLoad: x.maxLoad, isAvailable: x.isAvailable,
    openReviews: x.openReviews, conflicts: x.conflicts,
  };
}

export function presentResource(actor: Actor, r: ResourceRecord): ResourceView {
  return {
    id: r.id, title: r.title, kind: r.kind, ownerName: r.ownerName, ownerUscc: r.ownerUscc, regionCode: r.regionCode, specs: r.specs, location: r.location,
    priceInternalFen: r.priceInternalFen === null ? null : Number(r.priceInternalFen), priceExternalFen: r.priceExternalFen === null ? null : Number(r.priceExternalFen), rules: r.rules,
    openHoursPerWeek: r.openHoursPerWeek, isActive: r.isActive, canManage: canManage(actor, { ownerOrgId: r.ownerOrgId, regionCode: r.regionCode }),
  };
}

/** A booking; the booker and purpose only for the booker itself and the resource's managers. */
export function presentBooking(view: { booking: BookingRecord; isManager: boolean; isBooker: boolean }): BookingView {
  const b = view.booking;
  const isNamed = view.isManager || view.isBooker;
  return {
    id: b.id, resourceId: b.resourceId, resourceTitle: b.resourceTitle, start: b.start.toISOString(), end: b.end.toISOString(), status: b.status,
    bookerName: isNamed ? b.bookerName : null, bookerUscc: isNamed ? b.bookerUscc : null, purpose: isNamed ? b.purpose : null, usedMinutes: isNamed ? b.usedMinutes : null,
    canDecide: view.isManager && b.status === 'pending', canCancel: (view.isManager || view.isBooker) && (b.status === 'pending' || b.status === 'approved'),
  };
}

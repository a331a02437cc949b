/** Row → API shapes of consultations and committees (explicit field lists). */
import type { CommitteeView, ConsultationView, CourseView, EnrolmentView, SecondmentView } from '../../../contracts/talent.js';
import type { CommitteeForActor } from './committees.service.js';
import type { ConsultationForActor } from './consultations.service.js';
import type { EnrolmentRecord } from './courses.repo.js';
import { isCourseOpen, type CourseForActor } from './courses.service.js';
import type { SecondmentForActor } from './secondments.service.js';

export function presentConsultation(view: ConsultationForActor): ConsultationView {
  const c = view.consultation;
  return {
    id: c.id, field: c.field, question: c.question, urgency: c.urgency, status: c.status, requesterName: c.requesterName, requesterUscc: c.requesterUscc, regionCode: c.regionCode,
    committeeId: c.committeeId, committeeName: c.committeeName, rating: c.rating, ratingComment: c.ratingComment, createdAt: c.createdAt.toISOString(),
    routes: view.routes.map((r) => ({
      id: r.id, expertId: r.expertId, expertName: r.expertName, expertAffiliation: r.expertAffiliation, rank: r.rank, score: r.score, answer: r.answer, answeredAt: r.answeredAt?.toISOString() ?? null, isMine: r.isMine,
    })),
    canAnswer: view.canAnswer, canRate: view.canRate,
  };
}

export function presentCommittee(view: CommitteeForActor): CommitteeView {
  const k = view.committee;
  return {
    id: k.id, regionCode: k.regionCode, name: k.name, field: k.field, description: k.description, isActive: k.isActive, consultationCount: k.consultationCount, canManage: view.canManage,
    createdAt: k.createdAt.toISOString(),
    members: view.members.map((m) => ({ expertId: m.expertId, name: m.name, affiliation: m.affiliation, fields: m.fields, role: m.role })),
  };
}

export function presentCourse(view: CourseForActor): CourseView {
  const c = view.course;
  return {
    id: c.id, title: c.title, description: c.description, field: c.field, baseName: c.baseName, location: c.location, mode: c.mode, startsOn: c.startsOn, endsOn: c.endsOn, hours: c.hours,
    feeFen: Number(c.feeFen), capacity: c.capacity, enrolledCount: c.enrolledCount, seatsLeft: c.capacity - c.enrolledCount, isOpen: isCourseOpen(c), chainId: c.chainId, chainName: c.chainName,
    providerName: c.providerName, providerUscc: c.providerUscc, regionCode: c.regionCode, canManage: view.canManage, myEnrolments: view.myEnrolments,
  };
}

export function presentEnrolment(e: EnrolmentRecord): EnrolmentView {
  return {
    id: e.id, courseId: e.courseId, courseTitle: e.courseTitle, startsOn: e.startsOn, endsOn: e.endsOn, enterpriseName: e.enterpriseName, enterpriseUscc: e.enterpriseUscc, traineeName: e.traineeName,
    status: e.status, certificateNo: e.certificateNo, completedAt: e.completedAt?.toISOString() ?? null, createdAt: e.createdAt.toISOString(),
  };
}

export function presentSecondment(view: SecondmentForActor): SecondmentView {
  const s = view.secondment;
  return {
    id: s.id, kind: s.kind, status: s.status, senderName: s.senderName, senderUscc: s.senderUscc, hostName: s.hostName, hostUscc: s.hostUscc, expertId: s.expertId, engineerName: s.engineerName,
    engineerTitle: s.engineerTitle, field: s.field, goals: s.goals, regionCode: s.regionCode, startsOn: s.startsOn, endsOn: s.endsOn, confirmedDays: s.confirmedDays, confirmedHours: s.confirmedHours,
    rating: s.rating, ratingComment: s.ratingComment, createdAt: s.createdAt.toISOString(),
    periods: view.periods.map((p) => ({ id: p.id, seq: p.seq, startsOn: p.startsOn, endsOn: p.endsOn, plannedDays: p.plannedDays, plannedHours: p.plannedHours })),
    reports: view.reports.map((r) => ({ id: r.id, periodId: r.periodId, periodSeq: r.periodSeq, days: r.days, hours: r.hours, summary: r.summary, status: r.status, hostComment: r.hostComment, createdAt: r.createdAt.toISOString() })),
    canConfirm: view.canConfirm, canReport: view.canReport, canDecideReports: view.canDecideReports, canRate: view.canRate, canCancel: view.canCancel,
  };
}

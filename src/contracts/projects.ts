/** Project database (补链固链强链项目库): contracts of `/api/v1/projects*`. */
import { z } from 'zod';
import { BusinessDate, PageQuery, RegionCode, Uscc } from './common.js';

export const PROJECT_TYPES = ['fill', 'secure', 'strengthen'] as const;
export const ProjectType = z.enum(PROJECT_TYPES).describe('补链 fill / 固链 secure / 强链 strengthen');
export type ProjectType = z.infer<typeof ProjectType>;
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = { fill: '补链', secure: '固链', strengthen: '强链' };

export const PROJECT_STATUSES = ['planned', 'in_progress', 'completed', 'suspended'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = { planned: '谋划中', in_progress: '在建', completed: '已建成', suspended: '暂停' };

export const WeakLinkKind = z.enum(['break', 'blockage', 'choke']).describe('断点 break / 堵点 blockage / 卡点 choke');
export const WEAK_LINK_LABELS: Record<z.infer<typeof WeakLinkKind>, string> = { break: '断点', blockage: '堵点', choke: '卡点' };

/** Most enterprises and milestones on one project; most rows of one import. */
export const PROJECT_ENTERPRISES_MAX = 50;
export const PROJECT_MILESTONES_MAX = 50;
export const PROJECT_IMPORT_MAX_ROWS = 2000;

export const ProjectEnterpriseInput = z.object({ uscc: Uscc, role: z.enum(['lead', 'participant']).default('participant') });
export const MilestoneInput = z.object({ title: z.string().trim().min(1).max(200), dueOn: BusinessDate, doneOn: BusinessDate.nullable().optional() });

/** `POST /api/v1/projects`. */
export const CreateProjectBody = z.object({
  name: z.string().trim().min(2).max(200),
  type: ProjectType,
  chainId: z.string().regex(/^\d{1,18}$/, '产业链编号无效'),
  segmentKey: z.string().trim().min(1).max(100).describe('Key of a segment of the chain.'),
  weakLinkKind: WeakLinkKind.nullable().optional().describe('The weak link the project addresses, if any.'),
  regionCode: RegionCode.optional().describe('Default: the chain’s region. Must lie within the caller’s scope and within the chain’s region.'),
  investmentFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('Planned investment in fen.'),
  status: ProjectStatus.default('planned'),
  progressPct: z.number().int().min(0).max(100).default(0),
  startsOn: BusinessDate.nullable().optional(),
  endsOn: BusinessDate.nullable().optional(),
  description: z.string().trim().max(4000).default(''),
  enterprises: z.array(ProjectEnterpriseInput).max(PROJECT_ENTERPRISES_MAX).default([]),
  milestones: z.array(MilestoneInput).max(PROJECT_MILESTONES_MAX).default([]),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

/** `PATCH /api/v1/projects/{id}`: any of these; milestones replace the list when given. */
export const UpdateProjectBody = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  status: ProjectStatus.optional(),
  progressPct: z.number().int().min(0).max(100).optional(),
  investmentFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  endsOn: BusinessDate.nullable().optional(),
  milestones: z.array(MilestoneInput).max(PROJECT_MILESTONES_MAX).optional(),
  note: z.string().trim().max(1000).optional().describe('Why it changed (kept in the timeline).'),
});
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const ListProjectsQuery = PageQuery.extend({
  region: RegionCode.optional(),
  chain: z.string().regex(/^\d{1,18}$/).optional(),
  type: ProjectType.optional(),
  status: ProjectStatus.optional(),
});
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;

export const ProjectView = z.object({
  id: z.string(),
  name: z.string(),
  type: ProjectType,
  regionCode: z.string(),
  regionName: z.string(),
  chainId: z.string(),
  chainName: z.string(),
  segmentKey: z.string(),
  segmentName: z.string(),
  weakLinkKind: WeakLinkKind.nullable(),
  investmentFen: z.number().int(),
  status: ProjectStatus,
  progressPct: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  description: z.string(),
  enterpriseCount: z.number().int(),
  nextMilestone: z.object({ title: z.string(), dueOn: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const ProjectDetailView = ProjectView.extend({
  enterprises: z.array(z.object({ uscc: z.string(), name: z.string(), regionCode: z.string(), role: z.enum(['lead', 'participant']) })),
  milestones: z.array(z.object({ title: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), isOverdue: z.boolean() })),
});
export type ProjectDetailView = z.infer<typeof ProjectDetailView>;

/** `POST /api/v1/projects/import`: a dry run (default) lists row errors; with `dryRun=false` all rows go in in one transaction, or none. */
export const ProjectImportReport = z.object({
  isDryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  errors: z.array(z.object({ row: z.number().int().describe('Spreadsheet row number (header = 1).'), path: z.string(), message: z.string() })),
});
export type ProjectImportReport = z.infer<typeof ProjectImportReport>;

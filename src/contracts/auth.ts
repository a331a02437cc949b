import { z } from 'zod';

/** Roles of a user. `gov` is scoped by `regionCode`; `member` belongs to an organisation. */
export const ROLES = ['platform_admin', 'gov', 'member', 'expert'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Kinds of organisation. */
export const ORG_KINDS = ['large_enterprise', 'sme', 'research_institute', 'university', 'bank', 'association', 'service_provider', 'government'] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const USERNAME_MAX = 64;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(USERNAME_MAX),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** The caller as the API presents it. */
export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: Role,
  regionCode: z.string().nullable().describe('Scope of a `gov` user (GB/T 2260); null otherwise.'),
  regionName: z.string().nullable(),
  org: z.object({ id: z.number().int(), uscc: z.string().nullable(), name: z.string(), kind: OrgKind }).nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const LoginResult = z.object({
  token: z.string().describe('Opaque session token; send as `Authorization: Bearer <token>`.'),
  expiresAt: z.string(),
  user: UserView,
});
export type LoginResult = z.infer<typeof LoginResult>;

export const CreateUserBody = z.object({
  username: z.string().trim().min(3).max(USERNAME_MAX).regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
  password: z.string().min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 位`).max(PASSWORD_MAX),
  role: Role,
  displayName: z.string().trim().max(100).optional(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Required for `gov`.'),
  orgUscc: z.string().trim().max(32).optional().describe('Required for `member`: the organisation’s USCC.'),
  orgKind: OrgKind.optional().describe('Kind of a new organisation (default: from the registry’s size class).'),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

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
  isDisabled: z.boolean().describe('A disabled user cannot log in and has no live session (`POST /api/v1/users/{id}/disable`).'),
});
export type UserView = z.infer<typeof UserView>;

export const LoginResult = z.object({
  token: z.string().describe('Opaque session token; send as `Authorization: Bearer <token>`.'),
  expiresAt: z.string(),
  user: UserView,
});
export type LoginResult = z.infer<typeof LoginResult>;

/** Passwords tried first by anyone guessing (length and character rules catch the rest). */
const COMMON_PASSWORDS = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '88888888', '66666666', '00000000', 'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd',
  'qwertyui', 'qwerty123', '1qaz2wsx', '1q2w3e4r', 'abc12345', 'abcd1234', 'a1234567', 'a12345678', 'aa123456', 'admin123', 'admin888', 'iloveyou', 'woaini1314', '5201314520',
]);

/** Character classes in a password: letters, digits, anything else. */
export function passwordClasses(password: string): number {
  return [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/**
 * Password policy (issue 9 item 7; GB/T 22239-2019 asks for complexity): 8–128 characters, at least
 * two of letters, digits and symbols, not a common password, not containing the username.
 */
export const Password = z.string()
  .min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 位`)
  .max(PASSWORD_MAX)
  .refine((p) => passwordClasses(p) >= 2, '密码须包含字母、数字、符号中的至少两类')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), '密码过于常见，请换一个');

export const CreateUserBody = z.object({
  username: z.string().trim().min(3).max(USERNAME_MAX).regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
  password: Password,
  role: Role,
  displayName: z.string().trim().max(100).optional(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Required for `gov`.'),
  orgUscc: z.string().trim().max(32).optional().describe('Required for `member`: the organisation’s USCC.'),
  orgKind: OrgKind.optional().describe('Kind of a new organisation (default: from the registry’s size class).'),
}).refine((b) => !passwordContainsUsername(b.password, b.username), { message: '密码不能包含用户名', path: ['password'] });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** One open session as its user (or a platform admin) sees it: never the token nor its hash. */
export const SessionView = z.object({
  id: z.number().int().describe('Public id of the session (not the token).'),
  createdAt: z.string().describe('When the session was opened (log-in), UTC.'),
  lastSeenAt: z.string().describe('Last request seen on this session, UTC (updated at most once a minute).'),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  clientIp: z.string().nullable().describe('Client address at log-in as the server saw it (behind a proxy: from `X-Forwarded-For` when the proxy is trusted); null for sessions older than this field.'),
  isCurrent: z.boolean().describe('True for the session the request was made with.'),
});
export type SessionView = z.infer<typeof SessionView>;

export const RevokeAllBody = z.object({
  includeCurrent: z.boolean().default(false).describe('Also end the session the request was made with (default false: “sign out everywhere else”, the caller stays signed in here).'),
});
export type RevokeAllBody = z.infer<typeof RevokeAllBody>;

export const RevokeAllResult = z.object({
  revoked: z.number().int().describe('Number of sessions ended.'),
});
export type RevokeAllResult = z.infer<typeof RevokeAllResult>;

export const UserIdParams = z.object({ id: z.string().min(1).max(20).describe('User id') });

/** Whether a password contains the username (case-insensitive): refused wherever a password is set. */
export function passwordContainsUsername(password: string, username: string): boolean {
  return password.toLowerCase().includes(username.trim().toLowerCase());
}

/** An admin sets a user's password (the password rules of user creation apply). */
export const ResetPasswordBody = z.object({
  password: Password.describe('The new password: the rules of user creation (8–128 characters, two of letters, digits and symbols, not common, not containing the username).'),
});
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

/** A user changes their own password. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX).describe('The password the caller has now.'),
  newPassword: Password.describe('The new password (rules of user creation; must differ from the current one).'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Outcome of disabling a user or setting a password: the user and how many sessions ended. */
export const UserSessionsEnded = z.object({
  user: UserView,
  revoked: z.number().int().describe('Number of the user’s sessions ended.'),
});
export type UserSessionsEnded = z.infer<typeof UserSessionsEnded>;

import type { Role } from '../../contracts/auth.js';

/** Who is calling: the authenticated user, reduced to what policies need. */
export interface Actor {
  userId: string;
  username: string;
  /** Human-readable label for audit records. */
  label: string;
  role: Role;
  /** Scope of a `gov` user (GB/T 2260); `000000` is the whole country. */
  regionCode: string | null;
  orgId: string | null;
  orgUscc: string | null;
}

/** The actor used by operator commands run from the CLI (`xieshou seed`, `xieshou import`). */
export const SYSTEM_ACTOR: Actor = {
  userId: '0',
  username: 'system',
  label: 'system (CLI)',
  role: 'platform_admin',
  regionCode: null,
  orgId: null,
  orgUscc: null,
};

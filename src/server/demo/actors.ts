import type { Db } from '../db/database.js';
import type { Actor } from '../platform/actor.js';

/** The actors of demo users by username (as the accounts module builds them). */
export async function demoActors(db: Db, usernames: readonly string[]): Promise<Map<string, Actor>> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.region_code', 'users.org_id', 'organisations.uscc'])
    .where('users.username', 'in', [...usernames])
    .execute();
  return new Map(
    rows.map((r) => [
      r.username,
      { userId: r.id, username: r.username, label: r.display_name ? `${r.display_name} (${r.username})` : r.username, role: r.role as Actor['role'], regionCode: r.region_code, orgId: r.org_id, orgUscc: r.uscc },
    ]),
  );
}

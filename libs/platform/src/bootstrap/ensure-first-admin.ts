import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { AppConfig } from '../config/app-config';

/**
 * How a new installation gets its first user (SPEC §4): with ADMIN_USERNAME and
 * ADMIN_PASSWORD set and no admin in the database, create that admin.
 */
export async function ensureFirstAdmin(db: DataSource, config: AppConfig): Promise<boolean> {
  if (!config.adminUsername || !config.adminPassword) return false;
  const admins: unknown[] = await db.query(`SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`);
  if (admins.length > 0) return false;
  await db.query(
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
     VALUES ($1, $2, 'Administrator', 'admin', NULL)
     ON CONFLICT DO NOTHING`,
    [config.adminUsername, await hashPassword(config.adminPassword)],
  );
  return true;
}

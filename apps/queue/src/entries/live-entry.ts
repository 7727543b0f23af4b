import type { Level, Pace, TargetLanguage, WaitingListStatus } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import { prepared } from './prepared';

/** A client's newest entry: the one events and officials act on; older ones are history. */
export interface LiveEntry {
  id: string;
  clientId: string;
  officeId: string;
  status: WaitingListStatus;
  targetLanguage: TargetLanguage;
  pace: Pace;
  startLevel: Level;
  waitingSince: string;
  keysVersion: string;
  /** The Helsinki day the entry ended, or null while waiting. */
  endedOn: string | null;
  /** The day the client's previous entry ended: results of tests before it are history. */
  previousEndedOn: string | null;
}

export async function lockLiveEntry(
  manager: EntityManager,
  clientId: string,
): Promise<LiveEntry | undefined> {
  const rows = await prepared<LiveEntry>(
    manager,
    'queue.lock-live-entry',
    `SELECT e.id, e.client_id AS "clientId", e.office_id AS "officeId", e.status,
            e.target_language AS "targetLanguage", e.pace, e.start_level AS "startLevel",
            e.waiting_since AS "waitingSince", e.keys_version AS "keysVersion",
            (e.ended_at AT TIME ZONE 'Europe/Helsinki')::date AS "endedOn",
            (SELECT (max(p.ended_at) AT TIME ZONE 'Europe/Helsinki')::date
               FROM waiting_list_entries p
              WHERE p.client_id = e.client_id AND p.id <> e.id) AS "previousEndedOn"
       FROM waiting_list_entries e
      WHERE e.client_id = $1
      ORDER BY e.created_at DESC, e.id DESC
      LIMIT 1
      FOR UPDATE OF e`,
    [clientId],
  );
  return rows[0];
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEVELS, SKILLS, sqlTextArray } from '../code-lists';
import { runAll } from './sql';

/** The level a completion reached: the lowest of its skills, as a start level is. */
const LOWEST_LEVEL = `(${sqlTextArray(LEVELS)})[1 + least(${SKILLS.map((skill) => `level_rank(levels ->> '${skill}')`).join(', ')})]`;

/**
 * Sets, on the seats whose id meets `seatIds`, the day the course started for them (the first
 * start report's, a corrected start keeps it) and what their latest dropout, completion and
 * follow-up reports say ("latest": reported last; a correction is a newer report).
 */
const keepOutcomes = (seatIds: string) => `
  WITH report AS (
    SELECT * FROM seat_reports
     WHERE seat_id ${seatIds} AND kind IN ('start', 'dropout', 'completion', 'follow-up')
  ),
  latest AS (
    SELECT DISTINCT ON (seat_id, kind) seat_id, kind, dropout_reason, levels, outcome
      FROM report WHERE kind <> 'start'
     ORDER BY seat_id, kind, reported_at DESC, id DESC
  ),
  outcome AS (
    SELECT seat_id,
           (array_agg(dropout_reason) FILTER (WHERE kind = 'dropout'))[1] AS dropout_reason,
           (array_agg(${LOWEST_LEVEL}) FILTER (WHERE kind = 'completion'))[1] AS completion_level,
           (array_agg(outcome) FILTER (WHERE kind = 'follow-up'))[1] AS follow_up_outcome
      FROM latest GROUP BY seat_id
  ),
  started AS (
    SELECT seat_id, min(report_date) AS started_on FROM report WHERE kind = 'start' GROUP BY seat_id
  )
  UPDATE seats s
     SET started_on = st.started_on, dropout_reason = o.dropout_reason,
         completion_level = o.completion_level, follow_up_outcome = o.follow_up_outcome
    FROM (SELECT DISTINCT seat_id FROM report) touched
    LEFT JOIN started st USING (seat_id)
    LEFT JOIN outcome o USING (seat_id)
   WHERE s.id = touched.seat_id`;

/**
 * Each seat's start day and outcome kept on the seat itself (issue 8: the courses report
 * read 48,000 reports to find each seat's latest, over half a second for two years of
 * 100,000 clients, and the waiting-times report grouped 64,000 start reports).
 * A statement-level trigger keeps them whoever inserts reports, one report or a whole
 * history at once; the report's transaction has the seat locked already.
 */
export class SeatOutcomes1763900010000 implements MigrationInterface {
  name = 'SeatOutcomes1763900010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `ALTER TABLE seats ADD COLUMN started_on date, ADD COLUMN dropout_reason text,
         ADD COLUMN completion_level text, ADD COLUMN follow_up_outcome text`,
      `CREATE FUNCTION seats_keep_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         ${keepOutcomes('IN (SELECT seat_id FROM new_reports)')};
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER seat_reports_keep_outcomes AFTER INSERT ON seat_reports
         REFERENCING NEW TABLE AS new_reports
         FOR EACH STATEMENT EXECUTE FUNCTION seats_keep_outcomes()`,
      // The reports already there.
      keepOutcomes('IS NOT NULL'),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TRIGGER seat_reports_keep_outcomes ON seat_reports`,
      `DROP FUNCTION seats_keep_outcomes()`,
      `ALTER TABLE seats DROP COLUMN started_on, DROP COLUMN dropout_reason,
         DROP COLUMN completion_level, DROP COLUMN follow_up_outcome`,
    ]);
  }
}

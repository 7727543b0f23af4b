import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEAT_TRANSITIONS } from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { runAll } from './sql';

/** Every allowed move as 'from>to', from the same table the services check against. */
const MOVES = Object.entries(SEAT_TRANSITIONS)
  .flatMap(([from, targets]) => targets.map((to) => `'${from}>${to}'`))
  .join(', ');

/**
 * The seat states of SPEC §2 held by the database as well as by the services: a seat's status
 * only moves as SEAT_TRANSITIONS allows (no dropout before a start, nothing after an end),
 * whatever statement changes it. The services check first, under the seat's row lock, and
 * answer 409 naming the state; this refuses whatever gets past them.
 */
export class SeatStatusMoves1763900013000 implements MigrationInterface {
  name = 'SeatStatusMoves1763900013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `CREATE FUNCTION seats_refuse_wrong_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT (OLD.status || '>' || NEW.status = ANY (ARRAY[${MOVES}])) THEN
            RAISE EXCEPTION 'a seat cannot move from % to %', OLD.status, NEW.status
              USING ERRCODE = 'check_violation', CONSTRAINT = '${CONSTRAINTS.seatStatusMoves}';
          END IF;
          RETURN NEW;
        END
      $$`,
      `CREATE TRIGGER ${CONSTRAINTS.seatStatusMoves}
        BEFORE UPDATE OF status ON seats
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION seats_refuse_wrong_move()`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TRIGGER ${CONSTRAINTS.seatStatusMoves} ON seats`,
      `DROP FUNCTION seats_refuse_wrong_move()`,
    ]);
  }
}

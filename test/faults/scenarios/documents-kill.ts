import request from 'supertest';
import { createDayOfBookings, createLetterOffice } from '../../support/letter-fixtures';
import { send } from '../support/outcome';
import { seconds, waitFor } from '../support/pool';
import type { Tally } from '../support/tally';
import type { FaultWorld } from '../support/world';

const LETTERS = 200;
const DAY = '2026-05-12';

interface Progress {
  status: string;
  done: number;
  total: number;
}

/**
 * The documents service killed with SIGKILL (Chromium and all) in the middle of a batch of
 * invitation letters, then started again: the batch finishes with every letter exactly once.
 */
export async function documentsKill(world: FaultWorld, tally: Tally): Promise<void> {
  const documents = world.services.documents;
  const office = await createLetterOffice(request(documents.url), world.db);
  const bookingIds = await createDayOfBookings(world.db, office, {
    day: DAY,
    count: LETTERS,
    languages: ['ar', 'so', 'fa', 'ru', 'uk', 'ti'],
  });
  const created = await send({
    method: 'POST',
    url: world.url('documents', '/letters/batch'),
    token: office.token,
    body: { sessionDate: DAY },
    idempotencyKey: `faults-batch-${DAY}`,
  });
  tally.record(created);
  if (created.kind !== 'ok') {
    tally.fail(`the batch was refused: ${JSON.stringify(created)}`);
    return;
  }
  const batchId = created.body.id as string;
  const progress = async (): Promise<Progress> =>
    (
      await world.db.query(`SELECT status, done, total FROM letter_batches WHERE id = $1`, [
        batchId,
      ])
    )[0] as Progress;

  const before = await waitFor(
    'the first letters of the batch',
    async () => {
      const now = await progress();
      return now.done > 0 ? now : undefined;
    },
    180_000,
  );
  await documents.kill();
  const atKill = await progress();
  tally.note(`killed with ${atKill.done} of ${atKill.total} letters done (${before.done} seen)`);
  if (atKill.status !== 'running' || atKill.done >= LETTERS) {
    tally.fail('the kill came after the batch had finished; not mid-batch');
  }
  const polled = await send({
    method: 'GET',
    url: world.url('documents', `/letters/batch/${batchId}`),
    token: office.token,
  });
  tally.record(polled);

  const restarted = Date.now();
  await documents.start();
  const after = await waitFor(
    'the batch finished',
    async () => {
      const now = await progress();
      return now.status === 'done' || now.status === 'failed' ? now : undefined;
    },
    300_000,
  );
  tally.note(`finished ${seconds(restarted)} s after the restart began: ${after.status}`);
  if (after.status !== 'done' || after.done !== LETTERS) tally.fail(`batch ended ${after.status}`);
  const finalPoll = await send({
    method: 'GET',
    url: world.url('documents', `/letters/batch/${batchId}`),
    token: office.token,
  });
  tally.record(finalPoll);

  const [{ missing, duplicated }] = await world.db.query(
    `SELECT (SELECT count(*) FROM unnest($2::uuid[]) b(id) WHERE NOT EXISTS (
               SELECT 1 FROM letters l WHERE l.batch_id = $1 AND l.test_booking_id = b.id))::int
              AS missing,
            (SELECT count(*) - count(DISTINCT test_booking_id) FROM letters
              WHERE batch_id = $1)::int AS duplicated`,
    [batchId, bookingIds],
  );
  tally.lost += missing;
  tally.duplicated += duplicated;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LetterKind } from '@kotoportti/model';
import { Conflict, InvalidInput, NotFound } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { LetterRenderer } from '../rendering/letter-renderer';
import { batchLanguage } from '../letters/letter-language';
import { LetterSources } from '../letters/letter-sources';
import type { BatchItem, BatchParams } from './batch-items';
import { type CreateLetterBatchDto, MAX_BATCH_LETTERS } from './letter-batch.dto';

type Selector = 'sessionDate' | 'bookingIds' | 'seatIds' | 'waitingListEntryIds';

/** The letter kind each selector picks. */
const KIND_OF: Record<Selector, LetterKind> = {
  sessionDate: 'test-invitation',
  bookingIds: 'test-invitation',
  seatIds: 'course-place',
  waitingListEntryIds: 'waiting-list',
};

const SELECTORS = Object.keys(KIND_OF) as Selector[];

/** Booked invitations of one Helsinki day's sessions, in the order the sessions start. */
const BOOKINGS_OF_DAY = `
  SELECT b.id
  FROM test_bookings b
  JOIN test_sessions s ON s.id = b.session_id
  JOIN clients c ON c.id = b.client_id
  WHERE b.status = 'booked' AND s.status = 'scheduled'
    AND s.starts_at >= ($1::date)::timestamp AT TIME ZONE 'Europe/Helsinki'
    AND s.starts_at < ($1::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki'
    AND ($2::uuid IS NULL OR c.office_id = $2::uuid)
  ORDER BY s.starts_at, s.location, c.last_name, c.first_name, b.id
  LIMIT ${MAX_BATCH_LETTERS + 1}`;

/** Turns what the official asked for into the fixed list of letters the batch prints. */
@Injectable()
export class BatchSelection {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sources: LetterSources,
    private readonly renderer: LetterRenderer,
  ) {}

  async resolve(request: CreateLetterBatchDto, officeId: string | null): Promise<BatchParams> {
    const given = SELECTORS.filter((name) => request[name] !== undefined);
    if (given.length !== 1) {
      throw new InvalidInput(
        (given.length ? given : SELECTORS).map((field) => ({
          field,
          problems: ['give exactly one of sessionDate, bookingIds, seatIds, waitingListEntryIds'],
        })),
      );
    }
    const selector = given[0];
    const kind = request.kind ?? KIND_OF[selector];
    if (kind !== KIND_OF[selector]) {
      throw InvalidInput.field(
        selector,
        `${selector} selects ${KIND_OF[selector]} letters, not ${kind}`,
      );
    }
    const explicit = selector !== 'sessionDate';
    const ids = explicit
      ? [...new Set(request[selector] as string[])]
      : await this.bookingsOfDay(request.sessionDate!, officeId);
    if (ids.length === 0) {
      throw InvalidInput.field(selector, 'there is nothing to print for your office on that day');
    }
    if (ids.length > MAX_BATCH_LETTERS) {
      throw InvalidInput.field(selector, `a batch holds at most ${MAX_BATCH_LETTERS} letters`);
    }
    const subjects = await this.sources.load(kind, ids, officeId);
    if (subjects.length !== ids.length) throw new NotFound(`Some of ${selector}`);
    const inactive = subjects.filter((subject) => !subject.active).map((s) => s.subjectId);
    if (inactive.length > 0) {
      throw new Conflict('letter-subject-not-active', 'Some of these are cancelled or ended', {
        [selector]: inactive,
      });
    }
    const items: BatchItem[] = subjects.map((subject) => ({
      subjectId: subject.subjectId,
      clientId: subject.clientId,
      language: batchLanguage(this.renderer.templates, subject.letterLanguage),
    }));
    return { kind, selector: { [selector]: request[selector] }, items };
  }

  private async bookingsOfDay(day: string, officeId: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(BOOKINGS_OF_DAY, [day, officeId]);
    return rows.map((row) => row.id);
  }
}

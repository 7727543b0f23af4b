import type { LetterKind, OfficeLanguage } from '@kotoportti/model';
import { valuesList } from '@kotoportti/platform';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LetterFacts } from '../letter-templates/letter-data';

/** A printed letter as it is kept: who, when, kind, language, template version, the PDF. */
export interface NewLetter {
  id: string;
  kind: LetterKind;
  clientId: string;
  facts: LetterFacts;
  batchId: string | null;
  language: string;
  officeLanguage: OfficeLanguage;
  templateVersion: string;
  pdf: Buffer;
  createdBy: string;
}

export function sha256(pdf: Buffer): string {
  return createHash('sha256').update(pdf).digest('hex');
}

const COLUMNS = [
  'id',
  'kind',
  'client_id',
  'test_booking_id',
  'seat_id',
  'batch_id',
  'language',
  'office_language',
  'template_version',
  'pdf',
  'sha256',
  'size_bytes',
  'created_by',
];

function values(letter: NewLetter): unknown[] {
  return [
    letter.id,
    letter.kind,
    letter.clientId,
    letter.facts.kind === 'test-invitation' ? letter.facts.bookingId : null,
    letter.facts.kind === 'course-place' ? letter.facts.seatId : null,
    letter.batchId,
    letter.language,
    letter.officeLanguage,
    letter.templateVersion,
    letter.pdf,
    sha256(letter.pdf),
    letter.pdf.length,
    letter.createdBy,
  ];
}

/**
 * Inserts letters and returns the ids actually stored. A batch letter already stored by a
 * worker that died after its commit hits letters_once_per_batch and is skipped, not doubled.
 */
export async function insertLetters(
  manager: EntityManager,
  letters: readonly NewLetter[],
): Promise<string[]> {
  if (letters.length === 0) return [];
  const rows = valuesList(letters.map(values));
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO letters (${COLUMNS.join(', ')}) VALUES ${rows.sql}
     ON CONFLICT DO NOTHING RETURNING id`,
    rows.params,
  );
  return inserted.map((row) => row.id);
}

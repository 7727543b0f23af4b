import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LetterBatchStatus, Role } from '@kotoportti/model';
import { Actor, AuditService } from '@kotoportti/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LetterData } from '../letter-templates/letter-data';
import { LetterMerge } from '../rendering/letter-pages';
import type { PdfFile } from '../rendering/pdf-file';
import { LetterRenderer } from '../rendering/letter-renderer';
import { BATCH_CHUNK_SIZE, BATCH_PARALLEL_PRINTS } from '../rendering/renderer-options';
import { insertLetters } from '../letters/letter-rows';
import { LetterSources } from '../letters/letter-sources';
import {
  type BatchItem,
  type BatchParams,
  chunks,
  itemKey,
  languageChunks,
  storedKeyColumn,
} from './batch-items';

/** The worker is stopping: the batch goes back to the queue and resumes where it stopped. */
export class BatchInterrupted extends Error {
  constructor() {
    super('batch interrupted by shutdown');
    this.name = 'BatchInterrupted';
  }
}

export interface BatchHooks {
  shouldStop(): boolean;
  progress(done: number, total: number): Promise<void>;
}

interface BatchRow {
  id: string;
  status: LetterBatchStatus;
  total: number;
  params: BatchParams;
  created_by: string;
}

/** Stored letters read back this many at a time. */
const STORED_PAGE = 200;

/**
 * Prints of this run kept for assembling the batch PDF, so its letters need not be read back
 * from the database; up to a memory budget, beyond which they are read back after all.
 */
class PrintedLetters {
  private readonly letters = new Map<string, { print: PdfFile; pages: number[] }>();
  private readonly prints = new Set<PdfFile>();
  private bytes = 0;

  keep(key: string, print: PdfFile, pages: number[]): void {
    if (!this.prints.has(print)) {
      if (this.bytes + print.size > PRINTED_BUDGET_BYTES) return;
      this.prints.add(print);
      this.bytes += print.size;
    }
    this.letters.set(key, { print, pages });
  }

  has(key: string): boolean {
    return this.letters.has(key);
  }

  get(key: string): { print: PdfFile; pages: number[] } | undefined {
    return this.letters.get(key);
  }
}

const PRINTED_BUDGET_BYTES = 48 * 1024 * 1024;

/**
 * Prints a batch chunk by chunk. Each chunk is one HTML document printed once, cut into
 * letters, and committed with the batch's progress in one transaction. A worker killed at any
 * moment loses at most the chunk in hand: the next run skips every letter already stored, and
 * letters_once_per_batch refuses a second copy of any letter. The batch PDF is assembled at the
 * end from the stored letters, so it holds exactly what was kept.
 */
@Injectable()
export class LetterBatchRunner {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sources: LetterSources,
    private readonly renderer: LetterRenderer,
  ) {}

  async run(batchId: string, hooks: BatchHooks): Promise<void> {
    const batch = await this.load(batchId);
    if (!batch || batch.status === 'done') return;
    await this.db.query(
      `UPDATE letter_batches SET status = 'running', error = NULL WHERE id = $1 AND status <> 'done'`,
      [batchId],
    );
    const creator = await this.creator(batch.created_by);
    const { kind, items } = batch.params;
    const stored = await this.storedKeys(batch);
    const remaining = items.filter((item) => !stored.has(itemKey(kind, item)));
    // The same language's letters printed together: a print embeds each font once, and its
    // letters carry smaller fonts. The batch PDF is put back in the batch's order at the end.
    const queue = languageChunks(remaining, BATCH_CHUNK_SIZE);
    const printed = new PrintedLetters();
    let failed = false;
    // A few printers take chunks off one queue; the batch's order is restored when assembling.
    const printer = async () => {
      for (let chunk = queue.shift(); chunk && !failed; chunk = queue.shift()) {
        if (hooks.shouldStop()) throw new BatchInterrupted();
        const done = await this.printChunk(batch, chunk, creator, printed);
        await hooks.progress(done, batch.total);
      }
    };
    // Every printer is waited for, so none is left committing after the job has ended.
    const printers = await Promise.allSettled(
      Array.from({ length: BATCH_PARALLEL_PRINTS }, () =>
        printer().catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    );
    const failure = printers.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    if (hooks.shouldStop()) throw new BatchInterrupted();
    await this.assemble(batch, printed);
    await hooks.progress(batch.total, batch.total);
  }

  async markFailed(batchId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE letter_batches SET status = 'failed', error = $2, finished_at = now()
       WHERE id = $1 AND status <> 'done'`,
      [batchId, reason.slice(0, 1000)],
    );
  }

  private async printChunk(
    batch: BatchRow,
    chunk: BatchItem[],
    creator: Actor,
    printed: PrintedLetters,
  ): Promise<number> {
    const { kind } = batch.params;
    const subjects = await this.sources.load(
      kind,
      chunk.map((item) => item.subjectId),
      null,
    );
    if (subjects.length !== chunk.length) {
      throw new Error(
        `batch ${batch.id}: ${chunk.length - subjects.length} letter subjects are gone`,
      );
    }
    const printedAt = new Date();
    const letters: LetterData[] = subjects.map((subject, i) => ({
      letterId: randomUUID(),
      language: chunk[i].language,
      printedAt,
      office: subject.office,
      client: subject.client,
      facts: subject.facts,
    }));
    const { pdfs, print, pages } = await this.renderer.renderMany(letters);
    const done = await this.db.transaction(async (manager) => {
      const inserted = new Set(
        await insertLetters(
          manager,
          letters.map((letter, i) => ({
            id: letter.letterId,
            kind,
            clientId: subjects[i].clientId,
            facts: letter.facts,
            batchId: batch.id,
            language: letter.language,
            officeLanguage: letter.office.language,
            templateVersion: this.renderer.templateVersion,
            pdf: pdfs[i],
            createdBy: batch.created_by,
          })),
        ),
      );
      await this.audit.recordMany(
        letters
          .filter((letter) => inserted.has(letter.letterId))
          .map((letter) => ({
            actor: creator,
            action: 'letter.create',
            entityType: 'letter',
            entityId: letter.letterId,
            clientId: letter.client.id,
            details: { kind, batchId: batch.id, language: letter.language },
          })),
        manager,
      );
      // Counted with the letters in one transaction, so done is always what is stored. (A
      // CTE, because TypeORM hands back an UPDATE's rows wrapped with its row count.)
      const rows: Array<{ done: number }> = await manager.query(
        `WITH counted AS (
           UPDATE letter_batches SET done = done + $2 WHERE id = $1 RETURNING done)
         SELECT done FROM counted`,
        [batch.id, inserted.size],
      );
      return { done: rows[0].done, inserted };
    });
    if (print && pages) {
      letters.forEach((letter, i) => {
        // Only what was stored: a letter another worker stored first comes from the database.
        if (done.inserted.has(letter.letterId))
          printed.keep(itemKey(kind, chunk[i]), print, pages[i]);
      });
    }
    return done.done;
  }

  private async assemble(batch: BatchRow, printed: PrintedLetters): Promise<void> {
    const { kind, items } = batch.params;
    const keys = items.map((item) => itemKey(kind, item));
    const stored = await this.storedPdfs(
      batch,
      keys.filter((key) => !printed.has(key)),
    );
    const merge = new LetterMerge();
    for (const key of keys) {
      const fromPrint = printed.get(key);
      if (fromPrint) merge.addFromPrint(fromPrint.print, fromPrint.pages);
      else merge.add(stored.get(key)!);
    }
    await this.db.query(
      `UPDATE letter_batches SET pdf = $2, status = 'done', done = total, finished_at = now(), error = NULL
       WHERE id = $1`,
      [batch.id, merge.toBuffer()],
    );
  }

  /** Letters of the batch that this run did not print (a previous worker did), by item key. */
  private async storedPdfs(batch: BatchRow, keys: string[]): Promise<Map<string, Buffer>> {
    const column = storedKeyColumn(batch.params.kind);
    const found = new Map<string, Buffer>();
    for (const page of chunks(keys, STORED_PAGE)) {
      const rows: Array<{ key: string; pdf: Buffer }> = await this.db.query(
        `SELECT ${column} AS key, pdf FROM letters WHERE batch_id = $1 AND ${column} = ANY($2::uuid[])`,
        [batch.id, page],
      );
      for (const row of rows) found.set(row.key, row.pdf);
    }
    const missing = keys.filter((key) => !found.has(key));
    if (missing.length > 0)
      throw new Error(`batch ${batch.id}: ${missing.length} letters are not stored`);
    return found;
  }

  private async load(batchId: string): Promise<BatchRow | undefined> {
    const rows: BatchRow[] = await this.db.query(
      `SELECT id, status, total, params, created_by FROM letter_batches WHERE id = $1`,
      [batchId],
    );
    return rows[0];
  }

  private async storedKeys(batch: BatchRow): Promise<Set<string>> {
    const column = storedKeyColumn(batch.params.kind);
    const rows: Array<{ key: string }> = await this.db.query(
      `SELECT ${column} AS key FROM letters WHERE batch_id = $1`,
      [batch.id],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** The official who asked for the batch: the audit log names them for every letter printed. */
  private async creator(userId: string): Promise<Actor> {
    const rows: Array<{
      username: string;
      display_name: string;
      role: Role;
      organisation_id: string | null;
      ui_language: string;
    }> = await this.db.query(
      `SELECT username, display_name, role, organisation_id, ui_language FROM users WHERE id = $1`,
      [userId],
    );
    const user = rows[0];
    return {
      userId,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      organisationId: user.organisation_id,
      uiLanguage: user.ui_language,
    };
  }
}

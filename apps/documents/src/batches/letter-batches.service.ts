import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import {
  Actor,
  AuditService,
  Conflict,
  LETTER_BATCH_JOB,
  LETTER_BATCH_JOB_OPTIONS,
  LetterBatchJob,
  letterBatchJobId,
  NotFound,
  QUEUES,
} from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { officeScope } from '../letters/letters.service';
import { BatchSelection } from './batch-selection';
import type { CreateLetterBatchDto, LetterBatchView } from './letter-batch.dto';

const VIEW_COLUMNS = `lb.id, lb.params->>'kind' AS kind, lb.status, lb.total, lb.done,
  lb.created_by AS "createdBy", lb.created_at AS "createdAt", lb.finished_at AS "finishedAt", lb.error`;

/** A batch is seen by the officials of the office whose official asked for it. */
const IN_SCOPE = `($2::uuid IS NULL OR u.organisation_id = $2::uuid)`;

@Injectable()
export class LetterBatchesService {
  private readonly logger = new Logger('letter-batches');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.letterBatches) private readonly queue: Queue<LetterBatchJob>,
    private readonly audit: AuditService,
    private readonly selection: BatchSelection,
  ) {}

  async create(
    actor: Actor,
    request: CreateLetterBatchDto,
    requestId?: string,
  ): Promise<LetterBatchView> {
    const params = await this.selection.resolve(request, officeScope(actor));
    const batchId = await this.db.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO letter_batches (status, total, params, created_by)
         VALUES ('queued', $1, $2, $3) RETURNING id`,
        [params.items.length, params, actor.userId],
      );
      const id = rows[0].id;
      await this.audit.record(
        {
          actor,
          action: 'letter-batch.create',
          entityType: 'letter-batch',
          entityId: id,
          requestId,
          details: {
            kind: params.kind,
            total: params.items.length,
            selector: Object.keys(params.selector),
          },
        },
        manager,
      );
      return id;
    });
    await this.enqueue(batchId);
    return this.view(actor, batchId);
  }

  /**
   * Puts the batch's job on the queue under its fixed id. If Redis is down the batch stays
   * queued in the database and the recovery sweep enqueues it later: it is never lost.
   */
  async enqueue(batchId: string): Promise<void> {
    try {
      await this.queue.add(
        LETTER_BATCH_JOB,
        { batchId },
        {
          ...LETTER_BATCH_JOB_OPTIONS,
          jobId: letterBatchJobId(batchId),
        },
      );
    } catch (error) {
      this.logger.warn(`batch ${batchId} not enqueued yet: ${(error as Error).message}`);
    }
  }

  async view(actor: Actor, id: string): Promise<LetterBatchView> {
    const rows: LetterBatchView[] = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM letter_batches lb JOIN users u ON u.id = lb.created_by
       WHERE lb.id = $1 AND ${IN_SCOPE}`,
      [id, officeScope(actor)],
    );
    if (!rows[0]) throw new NotFound('Letter batch');
    return rows[0];
  }

  async pdf(actor: Actor, id: string, requestId?: string): Promise<Buffer> {
    const rows: Array<{ status: string; pdf: Buffer | null }> = await this.db.query(
      `SELECT lb.status, lb.pdf FROM letter_batches lb JOIN users u ON u.id = lb.created_by
       WHERE lb.id = $1 AND ${IN_SCOPE}`,
      [id, officeScope(actor)],
    );
    const batch = rows[0];
    if (!batch) throw new NotFound('Letter batch');
    if (batch.status !== 'done' || !batch.pdf) {
      throw new Conflict('batch-not-ready', `The batch is ${batch.status}; its PDF is not ready`);
    }
    await this.audit.record({
      actor,
      action: 'letter-batch.read',
      entityType: 'letter-batch',
      entityId: id,
      requestId,
    });
    return batch.pdf;
  }
}

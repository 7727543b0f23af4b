import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LetterKind } from '@kotoportti/model';
import { Actor, AuditService, Conflict, NotFound } from '@kotoportti/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LetterData } from '../letter-templates/letter-data';
import { letterReference } from '../letter-templates/letter-html';
import { LetterRenderer } from '../rendering/letter-renderer';
import { type LetterRequestDto, type LetterSummary, subjectIdOf } from './letter.dto';
import { chooseLanguage } from './letter-language';
import { insertLetters } from './letter-rows';
import { type LetterSubject, LetterSources } from './letter-sources';

/** Officials act for their own office (SPEC §1); an admin sees every office. */
export function officeScope(actor: Actor): string | null {
  return actor.role === 'admin' ? null : actor.organisationId;
}

const SUMMARY_COLUMNS = `l.id, l.kind, l.client_id AS "clientId", l.test_booking_id AS "testBookingId",
  l.seat_id AS "seatId", l.batch_id AS "batchId", l.language, l.office_language AS "officeLanguage",
  l.template_version AS "templateVersion", l.sha256, l.size_bytes AS "sizeBytes",
  l.created_by AS "createdBy", l.created_at AS "createdAt"`;

const NOT_ACTIVE: Record<LetterKind, string> = {
  'test-invitation': 'The test booking is cancelled or its session is; no invitation is printed',
  'course-place': 'The seat is no longer reserved; no course-place letter is printed',
  'waiting-list': 'The client is no longer in the queue; no waiting-list letter is printed',
};

const NOUN: Record<LetterKind, string> = {
  'test-invitation': 'Test booking',
  'course-place': 'Seat',
  'waiting-list': 'Waiting-list entry',
};

/** Single letters: printed at once at the official's desk and kept as sent. */
@Injectable()
export class LettersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sources: LetterSources,
    private readonly renderer: LetterRenderer,
  ) {}

  async create(
    actor: Actor,
    request: LetterRequestDto,
    requestId?: string,
  ): Promise<LetterSummary> {
    const { subject, data } = await this.prepare(actor, request);
    const pdf = await this.renderer.renderOne(data);
    return this.db.transaction(async (manager) => {
      await insertLetters(manager, [
        {
          id: data.letterId,
          kind: request.kind,
          clientId: subject.clientId,
          facts: subject.facts,
          batchId: null,
          language: data.language,
          officeLanguage: subject.office.language,
          templateVersion: this.renderer.templateVersion,
          pdf,
          createdBy: actor.userId,
        },
      ]);
      await this.audit.record(
        {
          actor,
          action: 'letter.create',
          entityType: 'letter',
          entityId: data.letterId,
          clientId: subject.clientId,
          requestId,
          details: { kind: request.kind, language: data.language, subjectId: subject.subjectId },
        },
        manager,
      );
      const rows: LetterSummary[] = await manager.query(
        `SELECT ${SUMMARY_COLUMNS} FROM letters l WHERE l.id = $1`,
        [data.letterId],
      );
      return rows[0];
    });
  }

  /** The letter's HTML as it would be printed now; nothing is stored. */
  async preview(actor: Actor, request: LetterRequestDto, requestId?: string): Promise<string> {
    const { subject, data } = await this.prepare(actor, request);
    await this.audit.record({
      actor,
      action: 'letter.preview',
      entityType: request.kind,
      entityId: subject.subjectId,
      clientId: subject.clientId,
      requestId,
      details: { language: data.language },
    });
    return this.renderer.preview(data);
  }

  async pdf(
    actor: Actor,
    id: string,
    requestId?: string,
  ): Promise<{ pdf: Buffer; filename: string }> {
    const rows: Array<{ pdf: Buffer; client_id: string; kind: string }> = await this.db.query(
      `SELECT l.pdf, l.client_id, l.kind FROM letters l JOIN clients c ON c.id = l.client_id
       WHERE l.id = $1 AND ($2::uuid IS NULL OR c.office_id = $2::uuid)`,
      [id, officeScope(actor)],
    );
    const letter = rows[0];
    if (!letter) throw new NotFound('Letter');
    await this.audit.record({
      actor,
      action: 'letter.read',
      entityType: 'letter',
      entityId: id,
      clientId: letter.client_id,
      requestId,
    });
    return { pdf: letter.pdf, filename: `${letter.kind}-${letterReference(id)}.pdf` };
  }

  async list(actor: Actor, clientId: string, requestId?: string): Promise<LetterSummary[]> {
    // Another office's client answers as a missing one would (SPEC §1), not with an empty list.
    const [client]: unknown[] = await this.db.query(
      `SELECT 1 FROM clients WHERE id = $1 AND ($2::uuid IS NULL OR office_id = $2::uuid)`,
      [clientId, officeScope(actor)],
    );
    if (!client) throw new NotFound('Client');
    const letters: LetterSummary[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM letters l JOIN clients c ON c.id = l.client_id
       WHERE l.client_id = $1 AND ($2::uuid IS NULL OR c.office_id = $2::uuid)
       ORDER BY l.created_at DESC, l.id`,
      [clientId, officeScope(actor)],
    );
    await this.audit.record({
      actor,
      action: 'letter.list',
      entityType: 'client',
      entityId: clientId,
      clientId,
      requestId,
      details: { letterIds: letters.map((letter) => letter.id) },
    });
    return letters;
  }

  private async prepare(
    actor: Actor,
    request: LetterRequestDto,
  ): Promise<{ subject: LetterSubject; data: LetterData }> {
    const [subject] = await this.sources.load(
      request.kind,
      [subjectIdOf(request)],
      officeScope(actor),
    );
    if (!subject) throw new NotFound(NOUN[request.kind]);
    if (!subject.active) throw new Conflict('letter-subject-not-active', NOT_ACTIVE[request.kind]);
    const language = chooseLanguage(
      this.renderer.templates,
      request.language,
      subject.letterLanguage,
    );
    const data: LetterData = {
      letterId: randomUUID(),
      language,
      printedAt: new Date(),
      office: subject.office,
      client: subject.client,
      facts: subject.facts,
    };
    return { subject, data };
  }
}

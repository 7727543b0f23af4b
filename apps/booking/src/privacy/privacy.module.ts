import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@kotoportti/platform';
import { ClientExportController } from './client-export.controller';
import { ClientExportService } from './client-export.service';
import { ExportPdf } from './export-pdf';
import { RetentionSchedule } from './retention-schedule';
import { RetentionProcessor } from './retention.processor';
import { RetentionService } from './retention.service';

/** GDPR: the subject-access export and the retention sweep that pseudonymises old clients. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.privacy })],
  controllers: [ClientExportController],
  providers: [
    ClientExportService,
    ExportPdf,
    RetentionService,
    RetentionProcessor,
    RetentionSchedule,
  ],
  exports: [RetentionService],
})
export class PrivacyModule {}

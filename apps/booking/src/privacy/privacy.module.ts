import { Module } from '@nestjs/common';
import { ClientExportController } from './client-export.controller';
import { ClientExportService } from './client-export.service';
import { ExportPdf } from './export-pdf';
import {
  DEFAULT_RETENTION_TIMER,
  RETENTION_TIMER_OPTIONS,
  RetentionTimer,
} from './retention-timer';
import { RetentionService } from './retention.service';

/** GDPR: the subject-access export and the retention sweep that pseudonymises old clients. */
@Module({
  controllers: [ClientExportController],
  providers: [
    ClientExportService,
    ExportPdf,
    RetentionService,
    { provide: RETENTION_TIMER_OPTIONS, useValue: DEFAULT_RETENTION_TIMER },
    RetentionTimer,
  ],
  exports: [RetentionService],
})
export class PrivacyModule {}

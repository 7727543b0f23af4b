import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, QUEUES } from '@kotoportti/platform';
import { BatchSelection } from './batches/batch-selection';
import { LetterBatchRecovery } from './batches/letter-batch-recovery';
import { LetterBatchRunner } from './batches/letter-batch-runner';
import { LetterBatchProcessor } from './batches/letter-batch.processor';
import { LetterBatchesController } from './batches/letter-batches.controller';
import { LetterBatchesService } from './batches/letter-batches.service';
import { DocumentsLifecycle } from './documents-lifecycle';
import { LetterTemplates } from './letter-templates/letter-templates';
import { LetterSources } from './letters/letter-sources';
import { LettersController } from './letters/letters.controller';
import { LettersService } from './letters/letters.service';
import { BrowserPool } from './rendering/browser-pool';
import { LetterRenderer } from './rendering/letter-renderer';
import { PdfPrinter } from './rendering/pdf-printer';
import { defaultPoolOptions } from './rendering/renderer-options';

/**
 * The document service: letters in the client's language beside Finnish or Swedish,
 * Handlebars → HTML → PDF in a pooled headless Chromium, single letters at once and batches
 * in the background (SPEC §5).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.letterBatches })],
  controllers: [LetterBatchesController, LettersController],
  providers: [
    // Templates and translations are read once; an incomplete translation stops start-up.
    { provide: LetterTemplates, useFactory: () => LetterTemplates.load() },
    {
      provide: BrowserPool,
      useFactory: (config: AppConfig) => new BrowserPool(defaultPoolOptions(config.chromiumPath)),
      inject: [APP_CONFIG],
    },
    {
      provide: PdfPrinter,
      useFactory: (pool: BrowserPool) => new PdfPrinter(pool),
      inject: [BrowserPool],
    },
    {
      provide: LetterRenderer,
      useFactory: (templates: LetterTemplates, printer: PdfPrinter) =>
        new LetterRenderer(templates, printer),
      inject: [LetterTemplates, PdfPrinter],
    },
    LetterSources,
    LettersService,
    BatchSelection,
    LetterBatchesService,
    LetterBatchRunner,
    LetterBatchProcessor,
    LetterBatchRecovery,
    DocumentsLifecycle,
  ],
})
export class DocumentsModule {}

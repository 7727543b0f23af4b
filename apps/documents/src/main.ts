import { runService } from '@kotoportti/platform';
import { DocumentsModule } from './documents.module';

void runService({ name: 'documents', features: [DocumentsModule], defaultPort: 3002 }).catch(
  (error: Error) => {
    console.error(`documents did not start: ${error.message}`);
    process.exit(1);
  },
);

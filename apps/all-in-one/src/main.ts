import { runService } from '@kotoportti/platform';
import { BookingModule } from '../../booking/src/booking.module';
import { DocumentsModule } from '../../documents/src/documents.module';
import { QueueModule } from '../../queue/src/queue.module';
import { loadDemoDataIfWanted } from './demo';

/** `npm start`: the three services in one process, for a single machine. */
void runService({
  name: 'kotoportti',
  features: [BookingModule, QueueModule, DocumentsModule],
  defaultPort: 3000,
  prepare: loadDemoDataIfWanted,
  prepareOnly: process.argv.includes('--seed-only'),
}).catch((error: Error) => {
  console.error(`Kotoportti did not start: ${error.message}`);
  process.exit(1);
});

import { runService } from '@kotoportti/platform';
import { QueueModule } from './queue.module';

void runService({ name: 'queue', features: [QueueModule], defaultPort: 3001 }).catch(
  (error: Error) => {
    console.error(`queue did not start: ${error.message}`);
    process.exit(1);
  },
);

import { runService } from '@kotoportti/platform';
import { BookingModule } from './booking.module';

void runService({ name: 'booking', features: [BookingModule], defaultPort: 3000 }).catch(
  (error: Error) => {
    console.error(`booking did not start: ${error.message}`);
    process.exit(1);
  },
);

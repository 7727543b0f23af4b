import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, Conflict } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { lockedBooking } from './booking-access';
import { TestBookingView } from './test-booking.view';
import { TestBookingsService } from './test-bookings.service';

/** SPEC §3.4: the tester marks who came. A slip can be corrected until a result exists. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly bookings: TestBookingsService,
  ) {}

  async mark(
    actor: Actor,
    id: string,
    attended: boolean,
    requestId?: string,
  ): Promise<TestBookingView> {
    return this.db.transaction(async (manager) => {
      const { booking } = await lockedBooking(manager, actor, id, () => []);
      if (booking.status === 'cancelled') {
        throw new Conflict('booking-cancelled', 'The booking was cancelled');
      }
      if (!booking.started) {
        throw new Conflict('session-not-started', 'Attendance is marked once the session begins');
      }
      if (!attended) {
        const results: unknown[] = await manager.query(
          `SELECT 1 FROM test_results WHERE booking_id = $1 LIMIT 1`,
          [id],
        );
        if (results.length > 0) {
          throw new Conflict('result-exists', 'A result was entered: the client attended');
        }
      }
      await manager.query(
        `UPDATE test_bookings
            SET status = $2, attendance_marked_by = $3, attendance_marked_at = now()
          WHERE id = $1`,
        [id, attended ? 'attended' : 'no-show', actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'test-booking.attendance',
          entityType: 'test-booking',
          entityId: id,
          clientId: booking.client_id,
          requestId,
          details: { attended },
        },
        manager,
      );
      return this.bookings.find(manager, id);
    });
  }
}

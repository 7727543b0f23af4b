import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Course, Organisation } from '@kotoportti/model';
import { Actor, Conflict, InvalidInput, NotFound } from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateCourseDto } from './course.dto';
import { toCourseView, type CourseView } from './course-view';
import { organisationScope } from './organisation-scope';

/** Publishing courses, reading one, changing its seats. Cancelling has its own service. */
@Injectable()
export class CoursesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async publish(actor: Actor, input: CreateCourseDto): Promise<CourseView> {
    const providerId = await this.ownProvider(actor);
    if (input.regionId) await this.checkRegion(input.regionId);
    const courses = this.db.getRepository(Course);
    const course = await courses.save(
      courses.create({
        ...input,
        regionId: input.regionId ?? null,
        notes: input.notes ?? null,
        childcare: input.childcare ?? false,
        evening: input.evening ?? false,
        providerId,
        createdBy: actor.userId,
      }),
    );
    return toCourseView(course);
  }

  /** Officials see every course (the catalogue is theirs to book from); providers their own. */
  async get(actor: Actor, id: string): Promise<CourseView> {
    const scope = actor.role === 'provider' ? organisationScope(actor) : null;
    const course = await this.db.getRepository(Course).findOne({
      where: scope ? { id, providerId: scope } : { id },
      relations: { provider: true },
    });
    if (!course) throw new NotFound('Course');
    return toCourseView(course);
  }

  async changeSeats(actor: Actor, id: string, seats: number): Promise<CourseView> {
    return this.db.transaction(async (manager) => {
      // Locked, so no booking can take a seat between the check and the update.
      const course = await lockOwnCourse(manager, actor, id);
      if (course.status !== 'published') {
        throw new Conflict('course-cancelled', 'The course is cancelled');
      }
      if (seats < course.seatsTaken) {
        throw new Conflict(
          'seats-below-taken',
          `${course.seatsTaken} seats are already taken; seats cannot go below that`,
          { seatsTaken: course.seatsTaken },
        );
      }
      await manager.update(Course, { id }, { seats });
      return toCourseView({ ...course, seats });
    });
  }

  private async ownProvider(actor: Actor): Promise<string> {
    const organisationId = actor.organisationId;
    const organisation = organisationId
      ? await this.db.getRepository(Organisation).findOneBy({ id: organisationId })
      : null;
    if (organisation?.kind !== 'course-provider') {
      throw InvalidInput.field(
        'providerId',
        'only a member of a course provider publishes courses',
      );
    }
    return organisation.id;
  }

  private async checkRegion(regionId: string): Promise<void> {
    const region = await this.db.getRepository(Organisation).findOneBy({ id: regionId });
    if (region?.kind !== 'region') {
      throw InvalidInput.field('regionId', 'regionId must be the id of a region');
    }
  }
}

/**
 * The provider's own course, locked for the rest of the transaction; 404 for any other.
 * FOR NO KEY UPDATE, like the bookings' guarded UPDATE: both wait for each other, while the
 * foreign-key checks of new seats (KEY SHARE) do not wait for it.
 */
export async function lockOwnCourse(
  manager: EntityManager,
  actor: Actor,
  id: string,
): Promise<Course> {
  const scope = organisationScope(actor);
  const course = await manager.getRepository(Course).findOne({
    where: scope ? { id, providerId: scope } : { id },
    lock: { mode: 'for_no_key_update' },
  });
  if (!course) throw new NotFound('Course');
  return course;
}

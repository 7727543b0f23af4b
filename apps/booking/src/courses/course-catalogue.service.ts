import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Course } from '@kotoportti/model';
import { Actor } from '@kotoportti/platform';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { toHelsinki } from '../test-sessions/helsinki-time';
import { ListCoursesDto } from './course-query.dto';
import { toCourseView, type CourseView } from './course-view';
import { organisationScope } from './organisation-scope';

const DEFAULT_LIMIT = 100;

/**
 * The course list. Officials see published courses of every provider; a provider sees its
 * own courses in every state, so that it can follow cancelled ones too.
 */
@Injectable()
export class CourseCatalogueService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(actor: Actor, query: ListCoursesDto): Promise<CourseView[]> {
    const builder = this.db
      .getRepository(Course)
      .createQueryBuilder('course')
      .leftJoinAndSelect('course.provider', 'provider');
    this.scope(builder, actor);
    this.filter(builder, query);
    const courses = await builder
      .orderBy('course.startsOn')
      .addOrderBy('course.name')
      .addOrderBy('course.id')
      .take(query.limit ?? DEFAULT_LIMIT)
      .skip(query.offset ?? 0)
      .getMany();
    return courses.map(toCourseView);
  }

  private scope(builder: SelectQueryBuilder<Course>, actor: Actor): void {
    if (actor.role === 'provider') {
      builder.andWhere('course.providerId = :providerId', {
        providerId: organisationScope(actor),
      });
    } else if (actor.role === 'official') {
      builder.andWhere(`course.status = 'published'`);
    }
  }

  private filter(builder: SelectQueryBuilder<Course>, query: ListCoursesDto): void {
    if (query.available) {
      builder.andWhere(
        `course.status = 'published' AND course.seatsTaken < course.seats AND course.endsOn >= :today`,
        { today: toHelsinki(new Date()).day },
      );
    }
    if (query.targetLanguage) {
      builder.andWhere('course.targetLanguage = :targetLanguage', {
        targetLanguage: query.targetLanguage,
      });
    }
    if (query.pace) builder.andWhere('course.pace = :pace', { pace: query.pace });
    if (query.level) {
      // level_rank() (migration 1763900003000): level codes do not sort as text.
      builder.andWhere(
        'level_rank(course.minLevel) <= level_rank(:level) AND level_rank(:level) <= level_rank(course.maxLevel)',
        { level: query.level },
      );
    }
    if (query.startFrom) {
      builder.andWhere('course.startsOn >= :startFrom', { startFrom: query.startFrom });
    }
    if (query.startTo) builder.andWhere('course.startsOn <= :startTo', { startTo: query.startTo });
    if (query.regionId) {
      // A course published without a region is in its provider's region, as the queue sees it
      // (apps/queue/src/candidates/course-for-queue.ts).
      builder.andWhere(
        `coalesce(course.regionId,
                  (SELECT p.region_id FROM organisations p WHERE p.id = course.providerId)) = :regionId`,
        { regionId: query.regionId },
      );
    }
  }
}

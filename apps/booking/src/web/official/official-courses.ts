import { Injectable } from '@nestjs/common';
import { Actor } from '@kotoportti/platform';
import { ClientPathService } from '../../client-path/client-path.service';
import { CourseCatalogueService } from '../../courses/course-catalogue.service';
import { CoursesService } from '../../courses/courses.service';
import type { Level, TargetLanguage } from '@kotoportti/model';

/** The official's side of the course pages: courses with free seats, booking a seat. */
@Injectable()
export class OfficialCourses {
  constructor(
    private readonly catalogue: CourseCatalogueService,
    private readonly courses: CoursesService,
    private readonly paths: ClientPathService,
  ) {}

  /** With a client: the courses that fit the client's language and start level first. */
  async list(actor: Actor, clientId: string | undefined, requestId?: string) {
    const client = clientId ? await this.client(actor, clientId, requestId) : undefined;
    const courses = await this.catalogue.list(actor, {
      available: true,
      targetLanguage: client?.targetLanguage,
      level: client?.startLevel ?? undefined,
      limit: 500,
    });
    return { title: 'courses.title', courses, client, scripts: [] };
  }

  async page(actor: Actor, courseId: string, clientId: string | undefined, requestId?: string) {
    const course = await this.courses.get(actor, courseId);
    const client = clientId ? await this.client(actor, clientId, requestId) : undefined;
    return { title: 'course.name', course, client, scripts: ['candidates.js'] };
  }

  private async client(actor: Actor, clientId: string, requestId?: string) {
    const path = await this.paths.get(actor, clientId, requestId);
    const client = path.client as {
      id: string;
      firstName: string;
      lastName: string;
      targetLanguage: TargetLanguage;
    };
    return { ...client, startLevel: path.startLevel as Level | null };
  }
}

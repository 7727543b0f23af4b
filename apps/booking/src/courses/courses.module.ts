import { Module } from '@nestjs/common';
import { CourseCancellationService } from './course-cancellation.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

/** Providers publish courses, change their seats and cancel them; officials browse them. */
@Module({
  controllers: [CoursesController],
  providers: [CoursesService, CourseCatalogueService, CourseCancellationService],
  exports: [CoursesService, CourseCatalogueService, CourseCancellationService],
})
export class CoursesModule {}

import { Module } from '@nestjs/common';
import { StatisticsPagesController } from './pages/statistics-pages.controller';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Statistics for offices, regions and planners (issue 8): the API and the pages. */
@Module({
  controllers: [StatisticsController, StatisticsPagesController],
  providers: [StatisticsService],
})
export class StatisticsModule {}

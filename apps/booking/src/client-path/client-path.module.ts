import { Module } from '@nestjs/common';
import { ClientPathController } from './client-path.controller';
import { ClientPathService } from './client-path.service';

/** GET /api/clients/:id/path: everything that happened to one client, for the office. */
@Module({
  controllers: [ClientPathController],
  providers: [ClientPathService],
  exports: [ClientPathService],
})
export class ClientPathModule {}

import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PlatformModule } from '../platform.module';

/** A service's root: the platform plus the feature modules it serves. */
@Module({})
export class RootModule {
  static compose(config: AppConfig & { databaseUrl: string }, features: Type[]): DynamicModule {
    return { module: RootModule, imports: [PlatformModule.forRoot(config), ...features] };
  }
}

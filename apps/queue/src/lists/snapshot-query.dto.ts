import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@kotoportti/platform';

export class SnapshotRangeDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  to: string;
}

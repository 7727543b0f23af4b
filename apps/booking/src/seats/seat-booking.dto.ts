import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { OptionalText } from '@kotoportti/platform';

export class BookSeatDto {
  @ApiProperty({ format: 'uuid', description: 'A client of the official’s own office' })
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({
    description:
      'Seats the client although the latest start level is outside the course range; recorded on the seat',
  })
  @OptionalText(1000)
  levelOverrideReason?: string;
}

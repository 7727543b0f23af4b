import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import { OptionalText, Text } from '@kotoportti/platform';

export class SetPriorityDto {
  @ApiProperty({ description: 'true puts the client before everyone without priority' })
  @IsBoolean({ message: 'priority must be true or false' })
  priority: boolean;

  @ApiPropertyOptional({
    description: 'Why, e.g. the integration period ends soon; required when priority is true',
  })
  @ValidateIf((dto: SetPriorityDto) => dto.priority === true || dto.reason !== undefined)
  @Text(500)
  reason?: string;
}

export class RemoveEntryDto {
  @ApiProperty({ description: 'Why the client leaves the queue, e.g. moved abroad' })
  @Text(500)
  reason: string;
}

export class DeclineOfferDto {
  @ApiProperty({ description: 'Why the office declines the offered seat' })
  @Text(500)
  reason: string;

  @ApiPropertyOptional({ description: 'Anything else the office wants on record' })
  @OptionalText(2000)
  note?: string;
}

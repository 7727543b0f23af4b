import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { LEVELS, LITERACY, PACES, type Level, type Literacy, type Pace } from '@kotoportti/model';
import { OneOf, Text } from '@kotoportti/platform';

export class RecordResultDto {
  @ApiProperty({ enum: LEVELS })
  @OneOf(LEVELS)
  listening: Level;

  @ApiProperty({ enum: LEVELS })
  @OneOf(LEVELS)
  speaking: Level;

  @ApiProperty({ enum: LEVELS })
  @OneOf(LEVELS)
  reading: Level;

  @ApiProperty({ enum: LEVELS })
  @OneOf(LEVELS)
  writing: Level;

  @ApiProperty({ enum: LITERACY })
  @OneOf(LITERACY)
  literacy: Literacy;

  @ApiPropertyOptional({ enum: LEVELS, description: 'Default: the lowest of the four skills' })
  @IsOptional()
  @OneOf(LEVELS)
  startLevel?: Level;

  @ApiProperty({ enum: PACES })
  @OneOf(PACES)
  pace: Pace;

  @ApiProperty({ description: 'The training recommendation in words' })
  @Text(4000)
  recommendation: string;
}

export class TestResultView {
  @ApiProperty() id: string;
  @ApiProperty() bookingId: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ description: '1 for the first entry; each correction adds one' })
  version: number;
  @ApiProperty({ enum: LEVELS }) listening: Level;
  @ApiProperty({ enum: LEVELS }) speaking: Level;
  @ApiProperty({ enum: LEVELS }) reading: Level;
  @ApiProperty({ enum: LEVELS }) writing: Level;
  @ApiProperty({ enum: LITERACY }) literacy: Literacy;
  @ApiProperty({ enum: LEVELS }) startLevel: Level;
  @ApiProperty({ enum: PACES }) pace: Pace;
  @ApiProperty() recommendation: string;
  @ApiProperty() enteredBy: string;
  @ApiProperty() enteredAt: string;
  @ApiProperty({ description: 'false for versions a correction replaced' }) isCurrent: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { LanguageCode, OptionalText } from '@kotoportti/platform';

export class CreateTestBookingDto {
  @ApiProperty()
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "Interpreter needed, in this language; omitted: the client's own setting; null: none",
    example: 'ar',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @LanguageCode()
  interpreterLanguage?: string | null;
}

export class CancelTestBookingDto {
  @ApiPropertyOptional({ description: 'Why, for the record and the test centre' })
  @OptionalText(500)
  reason?: string;
}

export class RebookTestBookingDto {
  @ApiProperty({ description: 'The session to move the booking to' })
  @IsUUID()
  sessionId: string;
}

export class AttendanceDto {
  @ApiProperty({ description: 'true: attended; false: did not come (no-show)' })
  @IsBoolean()
  attended: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TARGET_LANGUAGES, type TargetLanguage } from '@kotoportti/model';
import {
  IsCalendarDate,
  LanguageCode,
  OneOf,
  OptionalText,
  PersonName,
} from '@kotoportti/platform';

export class CreateClientDto {
  @ApiProperty({ maxLength: 100, example: 'Amina' })
  @PersonName()
  firstName: string;

  @ApiProperty({ maxLength: 100, example: 'Hassan' })
  @PersonName()
  lastName: string;

  @ApiProperty({ format: 'date', example: '1952-10-13' })
  @IsCalendarDate()
  birthDate: string;

  /** The Finnish personal identity code, when the client has one. */
  @ApiPropertyOptional({
    description:
      'The Finnish personal identity code; must agree with birthDate. One client per code: ' +
      'the century signs Y, X, W, V, U count as -, and B, C, D, E, F as A',
    example: '131052-308T',
  })
  @OptionalText(11)
  personalIdentityCode?: string;

  @ApiProperty({ description: 'Language code', example: 'ar' })
  @LanguageCode()
  nativeLanguage: string;

  /** The language the client's letters are printed in beside Finnish or Swedish. */
  @ApiProperty({
    description: "The language the client's letters are printed in beside Finnish or Swedish",
    example: 'ar',
  })
  @LanguageCode()
  letterLanguage: string;

  @ApiProperty({ enum: TARGET_LANGUAGES, description: 'The language the client learns' })
  @OneOf(TARGET_LANGUAGES)
  targetLanguage: TargetLanguage;

  @ApiPropertyOptional({ maxLength: 40 })
  @OptionalText(40)
  phone?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalText()
  streetAddress?: string;

  @ApiPropertyOptional({ maxLength: 20 })
  @OptionalText(20)
  postalCode?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalText(100)
  city?: string;

  @ApiPropertyOptional({ description: 'Interpreter needed, in this language', example: 'ar' })
  @IsOptional()
  @LanguageCode()
  interpreterLanguage?: string;
}

export class SearchClientsDto {
  /** Part of a name, or a whole identity code. */
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Part of a name, or a whole identity code (either century sign finds it)',
  })
  @OptionalText(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

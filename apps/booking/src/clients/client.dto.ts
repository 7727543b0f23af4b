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
  @PersonName()
  firstName: string;

  @PersonName()
  lastName: string;

  @IsCalendarDate()
  birthDate: string;

  /** The Finnish personal identity code, when the client has one. */
  @OptionalText(11)
  personalIdentityCode?: string;

  @LanguageCode()
  nativeLanguage: string;

  /** The language the client's letters are printed in beside Finnish or Swedish. */
  @LanguageCode()
  letterLanguage: string;

  @OneOf(TARGET_LANGUAGES)
  targetLanguage: TargetLanguage;

  @OptionalText(40)
  phone?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @OptionalText()
  streetAddress?: string;

  @OptionalText(20)
  postalCode?: string;

  @OptionalText(100)
  city?: string;

  @IsOptional()
  @LanguageCode()
  interpreterLanguage?: string;
}

export class SearchClientsDto {
  /** Part of a name, or a whole identity code. */
  @OptionalText(100)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

import { IsEmail, IsOptional, IsUUID } from 'class-validator';
import {
  OFFICE_LANGUAGES,
  ORGANISATION_KINDS,
  type OfficeLanguage,
  type OrganisationKind,
} from '@kotoportti/model';
import { OneOf, OptionalText, Text } from '@kotoportti/platform';

export class CreateOrganisationDto {
  @OneOf(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @Text()
  name: string;

  /** The language the office writes its letters in; Finnish unless set. */
  @IsOptional()
  @OneOf(OFFICE_LANGUAGES)
  language?: OfficeLanguage;

  /** The region (ELY centre) an employment office belongs to: required for offices. */
  @IsOptional()
  @IsUUID()
  regionId?: string;

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
}

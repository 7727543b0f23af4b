import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, UI_LANGUAGES, type Role, type UiLanguage } from '@kotoportti/model';
import { OneOf, Text } from '@kotoportti/platform';

export class CreateUserDto {
  @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/i, {
    message: 'username must be 3-50 letters, digits, dots, dashes or underscores',
  })
  username: string;

  /** Long passphrases beat complex short passwords. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @Text(100)
  displayName: string;

  @OneOf(ROLES)
  role: Role;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @OneOf(UI_LANGUAGES)
  uiLanguage?: UiLanguage;
}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { LANGUAGE_CODE_PATTERN } from '@kotoportti/model';

/** Reusable field rules, so every DTO says the same thing the same way. */

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

/** Free text a person types: trimmed, not empty, bounded, no control characters. */
export const Text = (maxLength = 200) =>
  applyDecorators(
    trim,
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
    Matches(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u, {
      message: '$property must not contain control or direction-override characters',
    }),
  );

/**
 * A person's name as letters print it: letters and marks of any script, with the spaces,
 * apostrophes, hyphens and full stops that real names carry (and the zero-width joiners of
 * Persian script). Digits, symbols and brackets are refused, so injection strings and
 * mistyped fields never reach a letter; control and direction-override characters are
 * refused by Text, since a reversed name in a letter is a spoofing risk.
 */
export const PersonName = (maxLength = 100) => applyDecorators(Text(maxLength), IsPersonName());

const PERSON_NAME = /^[\p{L}\p{M}](?:(?:[\p{L}\p{M}' \u2019.-]|\u200C|\u200D)*[\p{L}\p{M}.])?$/u;

function IsPersonName(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPersonName',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be letters, with spaces, apostrophes, hyphens or full stops',
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && PERSON_NAME.test(value),
      },
    });
}

export const OptionalText = (maxLength = 200) => applyDecorators(IsOptional(), Text(maxLength));

export const OneOf = (values: readonly string[]) =>
  applyDecorators(
    IsString(),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );

export const LanguageCode = () =>
  applyDecorators(
    IsString(),
    Matches(LANGUAGE_CODE_PATTERN, {
      message: '$property must be a language code such as fi, ar or ckb',
    }),
  );

/** A real calendar day in YYYY-MM-DD: 2027-02-30 is refused, not rolled over to March. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be a real date in the form YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2200 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** An instant with an explicit offset or Z, so no one guesses the time zone. */
export const ZonedDateTime = () =>
  applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, {
      message: '$property must include a time zone, e.g. +02:00 or Z',
    }),
  );

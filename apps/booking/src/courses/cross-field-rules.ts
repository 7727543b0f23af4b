import { isOneOf, LEVELS, levelRank } from '@kotoportti/model';
import { isCalendarDate } from '@kotoportti/platform';
import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * Rules that compare two fields of one DTO. They live in the DTO, not the service, so that
 * a request with several problems gets them all named in one 400.
 */

function sibling(args: ValidationArguments, property: string): unknown {
  return (args.object as Record<string, unknown>)[property];
}

/** A calendar day on or after another field's day; silent when either is missing or malformed. */
export function IsNotBefore(property: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: { message: `$property must not be before ${property}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = sibling(args, property);
          if (!isCalendarDate(value) || !isCalendarDate(other)) return true;
          return value >= other;
        },
      },
    });
}

/** A level at or above another field's level on the ordered scale; codes do not sort as text. */
export function IsLevelNotBelow(property: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLevelNotBelow',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: { message: `$property must not be a lower level than ${property}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = sibling(args, property);
          if (!isOneOf(LEVELS, value) || !isOneOf(LEVELS, other)) return true;
          return levelRank(value) >= levelRank(other);
        },
      },
    });
}

import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../errors/domain-error';

/** A route id that must be a UUID: anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => InvalidInput.field(name, `${name} must be a UUID`),
    }),
  );

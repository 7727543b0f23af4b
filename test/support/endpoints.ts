import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import type { Role } from '@kotoportti/model';
import { PUBLIC_KEY, ROLES_KEY } from '@kotoportti/platform';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of the running app, read from the same metadata Nest routes by. */
export interface Endpoint {
  method: HttpMethod;
  /** Express-style, e.g. /api/clients/:id/consents */
  path: string;
  /** The roles of @Roles, or undefined when any signed-in user may call it. */
  roles?: Role[];
  isPublic: boolean;
  /** DTO classes of @Body() and @Query(), when the handler declares one. */
  body?: Type;
  query?: Type;
  params: string[];
}

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

function argumentClass(controller: Type, name: string, kind: RouteParamtypes): Type | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
    string,
    { index: number }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
    []) as Type[];
  const entry = Object.entries(args).find(([key]) => key.split(':')[0] === String(kind));
  const type = entry ? types[entry[1].index] : undefined;
  // A bare @Body() of type object or a primitive has no DTO to read fields from.
  return type && ![Object, String, Number, Boolean, Array].includes(type as never)
    ? type
    : undefined;
}

/**
 * Every route of every controller in the app. Read from the container rather than typed by
 * hand, so a new controller is covered by the tests that use this list without anyone
 * remembering to add it.
 */
export function discoverEndpoints(app: INestApplication): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      endpoints.push(...controllerEndpoints(controller));
    }
  }
  return endpoints.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function controllerEndpoints(controller: Type): Endpoint[] {
  const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || name === 'constructor') return [];
    const route = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    if (route === undefined || !method) return [];
    const path = joinPath(prefix ?? '', route);
    const metadata = <T>(key: string): T | undefined =>
      (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
    return [
      {
        method,
        path,
        roles: metadata<Role[]>(ROLES_KEY),
        isPublic: metadata<boolean>(PUBLIC_KEY) === true,
        body: argumentClass(controller, name, RouteParamtypes.BODY),
        query: argumentClass(controller, name, RouteParamtypes.QUERY),
        params: [...path.matchAll(/:(\w+)/g)].map((match) => match[1]),
      },
    ];
  });
}

/** The validated fields of a DTO, its parents' included, with the rule names on each. */
export function dtoFields(dto: Type): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const rules = fields.get(rule.propertyName) ?? new Set<string>();
    rules.add(rule.name ?? rule.type);
    fields.set(rule.propertyName, rules);
  }
  return fields;
}

export const describeEndpoint = (endpoint: { method: string; path: string }) =>
  `${endpoint.method} ${endpoint.path}`;

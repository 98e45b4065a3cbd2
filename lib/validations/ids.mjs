// @ts-check
import { z } from 'zod';

// The one definition of a row id at every boundary that takes one (forms, route handlers, a
// page's params, the views beacon): what Prisma's cuid() makes, and the same shape for rows
// written in SQL (lib/dal/sign-ups.ts, lib/dal/import-context.ts). Plain .mjs: the production
// server's beacon (lib/validations/views.mjs) reads it too.

export const ID_PATTERN = /^[a-z0-9]{20,40}$/;

/**
 * Whether `value` has the shape of an id: check it before a query so a malformed one is "not
 * found" without a database round trip.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isId(value) {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * A zod string that must be an id; `message` is what a string that is not one is told.
 * @param {string} [message]
 */
export function idSchema(message) {
  return z.string().regex(ID_PATTERN, message);
}

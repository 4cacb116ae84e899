import { ulid } from 'ulid';
import * as z from 'zod/mini';

/** Server-generated opaque id (a ULID). */
export const Id = z.string().check(z.minLength(1), z.maxLength(64));
export const newId = (): string => ulid();

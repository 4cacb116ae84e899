import { ulid } from 'ulid';
import * as z from 'zod';

/** Server-generated opaque id (a ULID). */
export const Id = z.string().min(1).max(64);
export const newId = (): string => ulid();

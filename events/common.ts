import { z } from 'zod';

/** Server-generated opaque id (a ULID). */
export const Id = z.string().min(1).max(64);
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Currency = z.enum(['EUR', 'GBP']);
export const MinorUnits = z.number().int().nonnegative();
export const Jurisdiction = z.enum(['IE', 'UK']);
export const Constituency = z.enum(['lived-experience', 'provider']);

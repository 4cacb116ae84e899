import * as z from 'zod/mini';
import * as names from './names.js';

/** The closed sets of names.ts as zod enums, each with its type under the same name. */
export const Jurisdiction = z.enum(names.jurisdictions);
export type Jurisdiction = names.Jurisdiction;
export const Currency = z.enum(names.currencies);
export type Currency = names.Currency;
export const TimeZone = z.enum(names.timeZones);
export type TimeZone = names.TimeZone;
export const Role = z.enum(names.roles);
export type Role = names.Role;
export const StakeholderGroup = z.enum(names.stakeholderGroups);
export type StakeholderGroup = names.StakeholderGroup;
export const Constituency = z.enum(names.constituencies);
export type Constituency = names.Constituency;

import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { RsvpInput } from '../../shared/forums/domain/commands.js';
import { ValidationError } from '../../shared/kernel/errors.js';
import { readEnv } from '../../shared/runtime/env.js';
import { parseInput } from '../../shared/runtime/http/api.js';

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected a ValidationError');
};

describe("zod's own messages, where a schema does not word the issue itself (ADR 0010)", () => {
  it('name an unknown field and a wrong type, not only "Invalid input"', () => {
    expect(issuesOf(() => parseInput(RsvpInput, { participantId: 'p1', response: 'yes', extra: 1 }))).toEqual([
      { path: '(body)', message: 'Unrecognized key: "extra"' },
    ]);
    expect(issuesOf(() => parseInput(z.strictObject({ sessionId: z.string() }), { sessionId: 7 }))).toEqual([
      { path: 'sessionId', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('say which environment variable is missing and what it should be', () => {
    expect(() => readEnv({ TABLE_NAME: z.string() }, {})).toThrow(
      'Invalid environment: TABLE_NAME: Invalid input: expected string, received undefined',
    );
  });
});

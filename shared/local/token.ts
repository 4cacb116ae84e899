import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod/mini';
import { roles } from '../runtime/http/routes.js';

/** Body of POST /api/dev/token (local stack only). */
export const DevTokenRequest = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(128)),
  groups: z.array(z.enum(roles)).check(z.minLength(1)),
  participantId: z.optional(z.string().check(z.minLength(1))),
});

/**
 * The local token issuer: HS256 JWTs with a key generated at start, carrying the same claims a
 * Cognito ID token does (`cognito:groups`, `custom:participantId`). Never part of the deployed stack.
 */
export class LocalTokenIssuer {
  private readonly key = randomBytes(32);
  private readonly issuer = 'coproduce-local';

  async issue(req: z.infer<typeof DevTokenRequest>): Promise<string> {
    return new SignJWT({
      'cognito:groups': req.groups,
      ...(req.participantId ? { 'custom:participantId': req.participantId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(req.sub)
      .setIssuer(this.issuer)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.key);
  }

  /** The verified claims, or undefined for a missing, malformed, expired or foreign token. */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, algorithms: ['HS256'] });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

import type { AuthConfig } from '../deps.js';

/** What GET /api/auth-config tells the pages (public: no secret, the client has none). */
export type AuthSettings =
  | { mode: 'local' }
  | {
      mode: 'cognito';
      authorizeUrl: string;
      tokenUrl: string;
      logoutUrl: string;
      clientId: string;
      redirectUri: string;
      logoutRedirectUri: string;
      scopes: string[];
    };

/** Cognito's OAuth endpoints on the user pool domain. */
export function authSettings(auth: AuthConfig): AuthSettings {
  if (auth.mode === 'local') return { mode: 'local' };
  return {
    mode: 'cognito',
    authorizeUrl: `${auth.domainUrl}/oauth2/authorize`,
    tokenUrl: `${auth.domainUrl}/oauth2/token`,
    logoutUrl: `${auth.domainUrl}/logout`,
    clientId: auth.clientId,
    redirectUri: auth.redirectUri,
    logoutRedirectUri: auth.logoutRedirectUri,
    scopes: [...auth.scopes],
  };
}

import type { AuthConfig } from './deps.js';

/**
 * `access.auth` in AWS: the hosted sign-in the CDK construct configured (AWS always signs in through
 * Cognito). Fails fast naming what is missing, like readEnv, but without zod: the web function reads
 * this too, and it serves every page (its bundle stays a few kilobytes).
 */
export function cognitoAuthConfig(env: NodeJS.ProcessEnv = process.env): { auth: AuthConfig } {
  const problems: string[] = [];
  const text = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name}: required`);
    return value ?? '';
  };
  const httpsUrl = (name: string): string => {
    const value = text(name);
    if (value && !URL.canParse(value)) problems.push(`${name}: not a URL`);
    else if (value && new URL(value).protocol !== 'https:') problems.push(`${name}: must be https`);
    return value;
  };
  const auth: AuthConfig = {
    mode: 'cognito',
    domainUrl: httpsUrl('AUTH_DOMAIN_URL').replace(/\/+$/, ''),
    clientId: text('AUTH_CLIENT_ID'),
    redirectUri: httpsUrl('AUTH_REDIRECT_URI'),
    logoutRedirectUri: httpsUrl('AUTH_LOGOUT_REDIRECT_URI'),
    scopes: text('AUTH_SCOPES').split(/\s+/).filter(Boolean),
  };
  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  return { auth };
}

import { cognitoAuthConfig } from '../../shared/runtime/auth-env.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { authSettings } from '../../shared/runtime/http/auth-settings.js';
import { apiHandler } from '../../shared/runtime/http/legacy-api.js';
import { platformFunctions } from '../catalogue/platform.js';

const routes = platformFunctions.find((f) => f.name === 'auth-config')!.routes!;

/** GET /api/auth-config (public): how the sign-in page signs people in, here. */
export const buildHandler = (deps: { config: Pick<AppConfig, 'auth'> }) =>
  apiHandler(
    routes,
    { 'GET /api/auth-config': async () => ({ status: 200, json: authSettings(deps.config.auth) }) },
    deps,
  );

export const handler = buildHandler({ config: cognitoAuthConfig() });

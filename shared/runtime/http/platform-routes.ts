import * as z from 'zod/mini';
import { defineRoutes, textResponse } from './routes.js';

/**
 * The routes of the two platform functions. Their handlers stay free of zod (they serve every page
 * and the sign-in settings, so their bundles stay a few kilobytes): they import these definitions
 * as types only; the catalogue, the CDK app and the OpenAPI document use the values.
 */
export const AuthSettingsResponse = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('cognito'),
    authorizeUrl: z.url(),
    tokenUrl: z.url(),
    logoutUrl: z.url(),
    clientId: z.string(),
    redirectUri: z.url(),
    logoutRedirectUri: z.url(),
    scopes: z.array(z.string()),
  }),
]);

export const authConfigRoutes = defineRoutes('auth-config', {
  authConfig: {
    method: 'GET',
    path: '/api/auth-config',
    roles: 'public',
    summary: 'How the pages sign people in here: local dev tokens, or Cognito (authorization code with PKCE).',
    responses: { 200: AuthSettingsResponse },
  },
});

export const webRoutes = defineRoutes('web', {
  openApi: {
    method: 'GET',
    path: '/api/openapi.json',
    roles: 'public',
    summary: 'This document: the OpenAPI 3.1 description of the API.',
    responses: { 200: z.looseObject({ openapi: z.literal('3.1.0') }) },
  },
  startPage: {
    method: 'GET',
    path: '/',
    roles: 'public',
    summary: 'The start page.',
    responses: { 200: textResponse('text/html; charset=utf-8', 'The start page') },
  },
  page: {
    method: 'GET',
    path: '/{proxy+}',
    roles: 'public',
    summary: 'A page or one of its assets (HTML, CSS, JS); unknown /api paths answer the API’s JSON 404.',
    responses: { 200: textResponse('text/html; charset=utf-8', 'A page, or an asset in its own content type') },
  },
});

import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { ClientAttributes, OAuthScope, UserPoolClient, UserPoolClientIdentityProvider } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type FunctionSpec, functions } from '../../functions/catalogue.js';
import type { CoproduceConfig } from '../config.js';
import { CoproduceFunction, type Platform } from '../constructs/coproduce-function.js';
import type { StatefulStack } from './stateful-stack.js';

export type StatelessStackProps = StackProps & {
  config: CoproduceConfig;
  stateful: StatefulStack;
  /** The functions to deploy; the whole catalogue unless a test narrows it. */
  functions?: readonly FunctionSpec[];
};

/** ParticipantsApi from participants-api. */
export const pascal = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** What the pages ask Cognito for: an ID token (openid) carrying the user's attributes and email. */
export const SIGN_IN_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL];

/**
 * The code: every function of the catalogue (functions/catalogue/*.ts) through CoproduceFunction,
 * the HTTP API built from the route table, and the pages' Cognito app client. Adding a FunctionSpec
 * needs no change here.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** The pages' app client: authorization code + PKCE, no secret, redirect URIs on this API. */
  readonly webClient: UserPoolClient;
  readonly functions: ReadonlyMap<string, CoproduceFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful } = props;

    this.api = new HttpApi(this, 'HttpApi', {
      description: `Coproduce ${props.config.stage}: the pages and /api`,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', { retention: RetentionDays.SIX_MONTHS });
    new HttpStage(this, 'HttpApiStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // The client lives here, not in the stateful stack, because its redirect URIs are this API's
    // URL: in the stateful stack it would need this stack's API while this stack needs the stateful
    // one (a cycle). The user pool and its domain stay stateful; a client holds no data, only this
    // wiring, and a rebuilt API needs new redirect URIs anyway.
    const redirectUri = `${this.api.apiEndpoint}/signed-in`;
    const logoutRedirectUri = `${this.api.apiEndpoint}/sign-in`;
    this.webClient = new UserPoolClient(this, 'WebClient', {
      userPool: stateful.userPool,
      generateSecret: false, // the pages are a public client: PKCE instead of a secret
      authFlows: { userSrp: true }, // as before: SDK sign-in (password + MFA), e.g. for smoke tests
      oAuth: {
        flows: { authorizationCodeGrant: true }, // no implicit grant: tokens never travel in a URL
        scopes: SIGN_IN_SCOPES,
        callbackUrls: [redirectUri],
        logoutUrls: [logoutRedirectUri],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // custom:participantId is readable but never writable by the user (no self-impersonation).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${this.region}.amazonaws.com/${stateful.userPool.userPoolId}`,
      { jwtAudience: [this.webClient.userPoolClientId] },
    );

    const platform: Platform = {
      mainTable: stateful.mainTable,
      auditTable: stateful.auditTable,
      dataKey: stateful.dataKey,
      anchorBucket: stateful.anchorBucket,
      bus: stateful.bus,
      scheduler: stateful.scheduler,
      senderIdentity: stateful.senderIdentity,
      senderEmail: props.config.senderEmail,
      coordinatorEmail: props.config.coordinatorEmail,
      alarmTopic: stateful.alarmTopic,
      surveyResponseKeySecret: stateful.surveyResponseKeySecret,
      qpr15Wording: props.config.qpr15Wording,
      api: this.api,
      authorizer,
      auth: {
        domainUrl: stateful.userPoolDomain.baseUrl(),
        clientId: this.webClient.userPoolClientId,
        redirectUri,
        logoutRedirectUri,
        scopes: SIGN_IN_SCOPES.map((s) => s.scopeName),
      },
    };
    this.functions = new Map(
      (props.functions ?? functions.filter((f) => f.runsIn !== 'local')).map((spec) => [
        spec.name,
        new CoproduceFunction(this, pascal(spec.name), { spec, platform }),
      ]),
    );

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
  }
}

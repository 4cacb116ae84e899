import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
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
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * The code: every function of the catalogue (functions/catalogue/*.ts) through CoproduceFunction,
 * and the HTTP API built from the route table. Adding a FunctionSpec needs no change here.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
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
    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${this.region}.amazonaws.com/${stateful.userPool.userPoolId}`,
      { jwtAudience: [stateful.userPoolClient.userPoolClientId] },
    );

    const platform: Platform = {
      mainTable: stateful.mainTable,
      auditTable: stateful.auditTable,
      dataKey: stateful.dataKey,
      bus: stateful.bus,
      scheduler: stateful.scheduler,
      senderIdentity: stateful.senderIdentity,
      senderEmail: props.config.senderEmail,
      alarmTopic: stateful.alarmTopic,
      api: this.api,
      authorizer,
    };
    this.functions = new Map(
      (props.functions ?? functions.filter((f) => f.runsIn !== 'local')).map((spec) => [
        spec.name,
        new CoproduceFunction(this, pascal(spec.name), { spec, platform }),
      ]),
    );

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}

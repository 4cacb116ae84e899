import type { EventContract } from '../../events/define-event.js';
import type { Access } from '../../shared/runtime/access.js';
import type { RouteEntry, RouteSet } from '../../shared/runtime/http/routes.js';

/**
 * A function described as data. The CDK stateless stack deploys each one (granting exactly the
 * access listed and setting the matching environment variables together), and the local stack
 * loads the very same functions/<name>/handler.ts and wires it the same way.
 */
export type FunctionSpec = {
  /** kebab-case; the folder under functions/ holding handler.ts. */
  name: string;
  description: string;
  /** HTTP routes served (API Gateway HTTP API in AWS, the local server locally). */
  routes?: RouteSet;
  /** One EventBridge rule per contract, each with a DLQ, retries and a max event age. */
  subscribes?: readonly EventContract[];
  /** Runs on a fixed schedule (EventBridge Scheduler rate in AWS, the local scheduler locally). */
  every?: { minutes: number; localMs: number };
  access: Access;
  /**
   * 'local' = only the local stack runs it, because AWS does the job with a managed service
   * (say which in `description`). Deployed otherwise.
   */
  runsIn?: 'local';
  /**
   * Local bus delivery attempts per event before the dead-letter list (default 3). In AWS the
   * rule's retry policy and the function's async retries apply instead (infra/constructs).
   */
  localDeliveryAttempts?: number;
  memoryMb?: number;
  timeoutSeconds?: number;
};

/** The routes a function serves, as the route table holds them. */
export const routesOf = (spec: FunctionSpec): readonly RouteEntry[] => Object.values(spec.routes ?? []);

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts the DynamoDB commands a client sends while counting is on, by command name
 * (e.g. TransactWriteItemsCommand): the "requests per workflow" figures of the benches.
 */
export function countDynamoCommands(doc: DynamoDBDocumentClient) {
  const counts: Record<string, number> = {};
  let on = false;
  doc.middlewareStack.add(
    (next, ctx) => async (args) => {
      const name = ctx.commandName ?? 'unknown';
      if (on) counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCommands' },
  );
  return {
    counts,
    start() {
      on = true;
    },
    stop() {
      on = false;
    },
    reset() {
      for (const k of Object.keys(counts)) delete counts[k];
    },
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
  };
}

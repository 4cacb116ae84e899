import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { readableStack } from './stack-trace.js';

/**
 * Structured JSON logs, one line per entry, in the shape CloudWatch Logs Insights reads
 * (`level`, `message`, `timestamp`, `service`, plus the invocation's keys). A few lines of our own
 * instead of the Powertools logger: it was the largest piece of every bundle after zod and cost cold
 * start (bench/bundles.ts). The level comes from `LOG_LEVEL` (or `POWERTOOLS_LOG_LEVEL`, which the
 * earlier logger read); the default is INFO.
 *
 * Never log personal data: ids and counts only, as the events carry.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
const rank: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 99 };

const levelFromEnv = (): LogLevel => {
  const raw = (process.env.LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase();
  return raw in rank ? (raw as LogLevel) : 'INFO';
};

export type LogSink = (line: string, level: LogLevel) => void;
const stdoutSink: LogSink = (line, level) => (level === 'ERROR' ? console.error(line) : console.log(line));

/**
 * Errors become their name, message and stack (JSON.stringify drops them otherwise), the stack
 * pointing at our TypeScript (shared/runtime/stack-trace.ts).
 */
const plain = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: readableStack(value.stack) } : value;

export class Logger {
  private keys: Record<string, unknown> = {};
  constructor(
    private readonly service: string,
    private readonly sink: LogSink = stdoutSink,
    private readonly level: () => LogLevel = levelFromEnv,
  ) {}

  /** Keys added to every later entry until `resetKeys` (the next invocation). */
  appendKeys(keys: Record<string, unknown>): void {
    Object.assign(this.keys, keys);
  }
  resetKeys(): void {
    this.keys = {};
  }
  debug(message: string, extra?: Record<string, unknown>): void {
    this.write('DEBUG', message, extra);
  }
  info(message: string, extra?: Record<string, unknown>): void {
    this.write('INFO', message, extra);
  }
  warn(message: string, extra?: Record<string, unknown>): void {
    this.write('WARN', message, extra);
  }
  error(message: string, extra?: Record<string, unknown>): void {
    this.write('ERROR', message, extra);
  }

  private write(level: LogLevel, message: string, extra: Record<string, unknown> = {}): void {
    if (rank[level] < rank[this.level()]) return;
    const entry: Record<string, unknown> = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.keys,
    };
    for (const [k, v] of Object.entries(extra)) entry[k] = plain(v);
    this.sink(JSON.stringify(entry), level);
  }
}

export const logger = new Logger('coproduce');

/**
 * middy middleware: each invocation starts with fresh keys and the Lambda request id, function
 * name and cold-start flag (what the Powertools middleware added).
 */
let coldStart = true;
export const withLambdaContext = (log: Logger = logger): MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: (request) => {
    log.resetKeys();
    const ctx = request.context;
    log.appendKeys({
      function_request_id: ctx?.awsRequestId,
      function_name: ctx?.functionName,
      cold_start: coldStart,
    });
    coldStart = false;
  },
  // A function that throws (a consumer, so that the event is retried) logs why, with a readable
  // stack, before Lambda records the failure; the error still propagates.
  onError: (request) => {
    if (request.error) log.error('Invocation failed', { error: request.error });
  },
});

import { describe, expect, it } from 'vitest';
import { type Measured, month, monthlyBill, PRICES } from '../../bench/cost.js';

// Issue 11, goal 5: the monthly bill bench/cost.ts prints, worked out by hand for a made-up measurement.
const measuredAll = (m: Omit<Measured, 'workflow'>): Measured[] =>
  month({ heldOf20: 0 }).map((line) => ({ workflow: line.workflow, ...m }));

describe('monthlyBill', () => {
  it('multiplies each workflow by how often it happens, and adds the clock-driven part', () => {
    // Every workflow: 1 RRU, 2 WRU, one API call, 1 event, no schedule, one 99.2 ms invocation.
    const m = measuredAll({
      httpRequests: 1,
      readUnits: 1,
      writeUnits: 2,
      events: { Something: 1 },
      schedules: 0,
      invocations: { fn: { n: 1, ms: 99.2 } },
    });
    const times = month({ heldOf20: 0 }).reduce((a, l) => a + l.times, 0);
    const bill = monthlyBill(m, { heldOf20: 0 });
    const line = (s: string) => bill.lines.find((l) => l.service.startsWith(s))!;

    expect(line('DynamoDB on-demand writes').quantity).toBe(2 * times);
    expect(line('DynamoDB on-demand writes').usd).toBeCloseTo(2 * times * 0.625e-6, 10);
    // 43,200 sweeps × 4 empty Queries × 0.5 RRU + 720 anchors × 10 RRU
    expect(line('DynamoDB on-demand reads').quantity).toBe(times + 43_200 * 2 + 720 * 10);
    expect(line('EventBridge custom events').quantity).toBe(times);
    // Rounded up to 100 ms, at 0.5 GB; plus the sweeper (50 ms) and anchor (200 ms) at 0.5 GB.
    expect(line('Lambda duration').quantity).toBeCloseTo(times * 0.1 * 0.5 + (43_200 * 0.05 + 720 * 0.2) * 0.5, 6);
    expect(line('Lambda requests').quantity).toBe(times + 43_200 + 720);
    // One API call and one page load (4 requests) per workflow.
    expect(line('API Gateway').quantity).toBe(5 * times);
    expect(line('SQS').quantity).toBe(0);
    expect(line('EventBridge Scheduler').quantity).toBe(43_200 + 720);
    expect(bill.total).toBeCloseTo(
      bill.lines.reduce((a, l) => a + l.usd, 0),
      12,
    );
  });

  it('prices SQS at three requests per PaymentDue and Scheduler per schedule created', () => {
    const m = measuredAll({
      httpRequests: 0,
      readUnits: 0,
      writeUnits: 0,
      events: { PaymentDue: 2 },
      schedules: 3,
      invocations: {},
    });
    const times = month({ heldOf20: 0 }).reduce((a, l) => a + l.times, 0);
    const bill = monthlyBill(m, { heldOf20: 0 });
    const sqs = bill.lines.find((l) => l.service.startsWith('SQS'))!;
    expect(sqs.quantity).toBe(6 * times);
    expect(sqs.usd).toBeCloseTo(6 * times * PRICES.sqsRequest, 10);
    expect(bill.lines.find((l) => l.service.startsWith('EventBridge Scheduler'))!.quantity).toBe(
      3 * times + 43_200 + 720,
    );
    expect(bill.lines.find((l) => l.service.startsWith('API Gateway'))!.quantity).toBe(0);
  });

  it('refuses a month that names a workflow the bench did not measure', () => {
    expect(() => monthlyBill([], { heldOf20: 0 })).toThrow(/was not measured/);
  });

  it('keeps the prices the docs quote, with the date they were read', () => {
    expect(PRICES.read).toBe('2026-12-02');
    expect(PRICES.dynamoWriteRequestUnit * 1e6).toBeCloseTo(0.625);
    expect(PRICES.dynamoReadRequestUnit * 1e6).toBeCloseTo(0.125);
    expect(PRICES.lambdaGbSecondArm).toBe(0.0000133334);
  });
});

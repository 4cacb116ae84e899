import * as z from 'zod/mini';
import { IsoDate } from '../../kernel/index.js';
import { defineRoutes, textResponse } from '../../runtime/http/routes.js';
import { pageOf, pageQuery } from '../../runtime/http/schemas.js';
import { FullPaymentView, PaymentView } from '../app/views.js';
import { SchemeInfo } from '../domain/benefit-schemes.js';
import { ChoiceBody, FailedBody, IssuedBody, IssuedManyBody, PaymentStatus } from '../domain/payments.js';

const PaymentId = z.object({
  id: z
    .string()
    .check(z.minLength(1, 'Give the payment id.'), z.maxLength(64, 'A payment id has at most 64 characters.')),
});

const PaymentsQuery = z.object({
  ...pageQuery(),
  status: z.optional(z.enum(PaymentStatus.options, `Choose a status: ${PaymentStatus.options.join(', ')}.`)),
  participantId: z.optional(
    z
      .string()
      .check(z.minLength(1, 'Enter a participant id.'), z.maxLength(64, 'A participant id has at most 64 characters.')),
  ),
});

const ExportQuery = z
  .object({
    from: z.iso.date('Enter a date like 2026-03-01.'),
    to: z.iso.date('Enter a date like 2026-03-31.'),
    /** `false`: no byte-order mark (for programs); by default the file starts with one (for Excel). */
    bom: z.pipe(
      z.optional(z.enum(['true', 'false'], 'Use bom=false for a file without the byte-order mark, or leave it out.')),
      z.transform((v) => v !== 'false'),
    ),
  })
  .check(
    z.refine((q) => !(IsoDate.safeParse(q.from).success && IsoDate.safeParse(q.to).success) || q.from <= q.to, {
      path: ['to'],
      message: 'The end date must be on or after the start date.',
    }),
  );

const IssuedOutcome = z.object({
  paymentId: z.string(),
  status: z.enum(['issued', 'unchanged', 'refused']),
  message: z.optional(z.string()),
});

export const paymentRoutes = defineRoutes('payments-api', {
  listPayments: {
    method: 'GET',
    path: '/api/payments',
    roles: ['finance', 'coordinator', 'member'],
    summary: 'Payments in a status, or one person’s (a member sees only its own), newest first.',
    description:
      'Needs `status` or `participantId` (a member without either gets its own). A caller who is only finance gets the finance view: what to pay, to whom and when, nothing a benefit or its limit could be worked out from (docs/finance.md).',
    query: PaymentsQuery,
    responses: { 200: pageOf(PaymentView) },
  },
  getPayment: {
    method: 'GET',
    path: '/api/payments/{id}',
    roles: ['finance', 'coordinator', 'member'],
    summary: 'One payment (a member may read only its own; finance gets the finance view, with no benefit details).',
    params: PaymentId,
    responses: { 200: PaymentView },
  },
  recordPaymentChoice: {
    method: 'POST',
    path: '/api/payments/{id}/choice',
    roles: ['coordinator', 'member'],
    summary: 'Record the person’s choice on a held payment (a member for its own).',
    params: PaymentId,
    body: ChoiceBody,
    idempotent: true,
    conflict:
      'The payment is not held (a choice was already recorded), its currency does not match its rules, or other payments for the person are being recorded right now.',
    responses: { 200: FullPaymentView },
  },
  markPaymentIssued: {
    method: 'POST',
    path: '/api/payments/{id}/issued',
    roles: ['finance'],
    summary: 'Finance issued the payment (the same reference again changes nothing).',
    params: PaymentId,
    body: IssuedBody,
    conflict:
      'Already issued with another reference, nothing to issue in its status, or the payment changed while saving.',
    responses: { 200: PaymentView },
  },
  markPaymentsIssued: {
    method: 'POST',
    path: '/api/payments/issued',
    roles: ['finance'],
    summary:
      'Finance issued several payments (at most 100) under one reference: each its own transaction, answered each on its own.',
    description:
      'Each id is answered in order: `issued` (now), `unchanged` (already issued with this reference, so repeating the request changes nothing) or `refused` with a `message` (unknown, nothing to issue in its status, issued with another reference, or changed while saving). One refusal never holds back the others.',
    body: IssuedManyBody,
    responses: { 200: z.object({ items: z.array(IssuedOutcome) }) },
  },
  markPaymentFailed: {
    method: 'POST',
    path: '/api/payments/{id}/failed',
    roles: ['finance'],
    summary: 'Finance could not make the payment (the same reason again changes nothing).',
    params: PaymentId,
    body: FailedBody,
    conflict:
      'Already failed with another reason, cannot fail in its status (e.g. issued), or the payment changed while saving.',
    responses: { 200: PaymentView },
  },
  exportPaymentsCsv: {
    method: 'GET',
    path: '/api/finance/export.csv',
    roles: ['finance'],
    summary:
      'CSV of the payments that became payable in a date range (UTF-8, CRLF; with a byte-order mark unless `bom=false`), amounts in minor units and as decimals.',
    query: ExportQuery,
    responses: {
      200: textResponse(
        'text/csv; charset=utf-8',
        'One row per payment due, issued, or declined with expenses to pay back, payable in [from, to].',
      ),
    },
  },
  listBenefitSchemes: {
    method: 'GET',
    path: '/api/benefit-schemes',
    roles: ['coordinator', 'finance', 'governance', 'member'],
    summary: 'The benefit schemes a person can declare and what each means, with today’s figures.',
    responses: { 200: z.object({ items: z.array(SchemeInfo) }) },
  },
});

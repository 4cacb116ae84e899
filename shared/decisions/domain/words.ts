/**
 * A decision's statuses and answers in plain words, once: the pages and the server's messages use
 * these. Zod-free (types only from decisions.ts), so a page bundle takes it as it is.
 */
import type { DecisionStatus, Stance } from './decisions.js';

/** Each status as a labelled word, and the kind of badge it takes (never colour alone). */
export const decisionStatusWords: Record<DecisionStatus, { text: string; kind: 'ok' | 'warn' | 'bad' }> = {
  proposed: { text: 'Waiting for sign-off', kind: 'warn' },
  'co-signed': { text: 'Co-signed', kind: 'ok' },
  objected: { text: 'Objected – needs amending', kind: 'bad' },
  overdue: { text: 'Overdue', kind: 'bad' },
};

/** "Approved", "Objected": an answer someone gave. */
export const stanceWords: Record<Stance, string> = { approve: 'Approved', object: 'Objected' };

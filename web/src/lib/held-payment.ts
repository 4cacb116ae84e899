/**
 * One held payment, as the person (on their own payments page) and the coordinator (on the held
 * payments page) see it: why it is held, what each option leaves the person with after the benefit
 * effect (the API's `optionOutcomes`, in its neutral order), where free advice is, and the choice.
 */

import { currencyWords } from '../../../shared/kernel/words.js';
import { paymentOptionNames } from '../../../shared/payments/domain/words.js';
import type { ChoiceBody, FullPaymentView } from './api-types.js';
import { clearErrors, el, money, sendOnce, showErrors } from './app.js';
import { fullDate, issuesOf, messageOf, statusOf } from './dom.js';

type Option = FullPaymentView['options'][number];
type Outcome = FullPaymentView['optionOutcomes'][number];

export const periodWords = (p: Pick<FullPaymentView, 'period'>): string =>
  p.period.scheme === 'UK.UC'
    ? `the assessment period from ${fullDate(p.period.start)} to ${fullDate(p.period.end)}`
    : `the week from ${fullDate(p.period.start)} to ${fullDate(p.period.end)}`;

/**
 * The options in the order they are shown: the API's outcomes as they come (by the fee paid,
 * largest first, the same for everyone), or, for a payment held before outcomes were kept, its
 * open options in that same order with no outcome.
 */
export function optionsInOrder(p: Pick<FullPaymentView, 'options' | 'optionOutcomes'>): {
  option: Option;
  outcome?: Outcome;
}[] {
  if (p.optionOutcomes.length) return p.optionOutcomes.map((o) => ({ option: o.option, outcome: o }));
  const order: Option[] = ['full', 'reduced', 'charity', 'expenses-only', 'decline'];
  return order.filter((o) => p.options.includes(o)).map((option) => ({ option }));
}

/**
 * The option's label: its name and the money the person ends up with ("about" when a benefit
 * reduction is an estimate). No option is pushed: no "anyway", no "instead", the same form for each.
 */
export function optionLabel(
  option: Option,
  outcome: Outcome | undefined,
  p: Pick<FullPaymentView, 'currency' | 'headroomMinor'>,
  you: boolean,
): string {
  const name =
    option === 'reduced'
      ? `${paymentOptionNames.reduced} (up to ${money(p.headroomMinor, p.currency)})`
      : paymentOptionNames[option];
  if (!outcome) return name;
  if (outcome.endsUpWithMinor === null) {
    return `${name}: we cannot say how much ${you ? 'you' : 'they'} would end up with`;
  }
  const about = outcome.benefitReductionMinor !== null && outcome.benefitReductionMinor > 0 ? 'about ' : '';
  return `${name}: ${you ? 'you' : 'they'} end up with ${about}${money(outcome.endsUpWithMinor, p.currency)}`;
}

const unique = (texts: readonly string[]) => [...new Set(texts.filter(Boolean))];

/**
 * What could happen to the person's benefits: what attending has already set off whatever they
 * choose (IE.CA's hours rule counts unpaid hours too) and, for a payment held before each option's
 * outcome was kept, what only paying the full fee would (otherwise each option says its own).
 */
function consequences(p: FullPaymentView, you: boolean): HTMLElement[] {
  const unavoidable = unique(p.reasons.filter((r) => r.avoidableByChoice === false).map((r) => r.consequence));
  const avoidable = p.optionOutcomes.length
    ? []
    : unique(p.reasons.filter((r) => r.avoidableByChoice !== false).map((r) => r.consequence));
  if (!unavoidable.length && !avoidable.length) return [];
  const parts: HTMLElement[] = [el('h3', { text: `What this could mean for ${you ? 'your' : 'their'} benefits` })];
  if (unavoidable.length) {
    parts.push(
      el('p', {
        text: `Because ${you ? 'you' : 'they'} attended, this could happen whatever ${you ? 'you choose' : 'they choose'} below. A smaller fee, expenses only or no fee does not change it:`,
      }),
      el('ul', {}, ...unavoidable.map((c) => el('li', { text: c }))),
    );
  }
  if (avoidable.length) {
    parts.push(
      el('p', { text: unavoidable.length ? 'And if the full fee is paid:' : 'If the full fee is paid:' }),
      el('ul', {}, ...avoidable.map((c) => el('li', { text: c }))),
    );
  }
  return parts;
}

/**
 * Move focus to the message saying what just happened: the control that had focus has gone with
 * the re-render, and focus must not drop to the top of the page (WCAG 2.4.3).
 */
export function focusStatus(): void {
  const region = document.getElementById('status-message');
  if (!region) return;
  region.setAttribute('tabindex', '-1');
  region.focus();
}

export const outcomeWords = (
  p: Pick<FullPaymentView, 'status' | 'expensesMinor' | 'feeMinor' | 'currency' | 'feeTo'>,
) =>
  p.status === 'declined'
    ? p.expensesMinor > 0
      ? `no fee; expenses of ${money(p.expensesMinor, p.currency)} will be paid back`
      : 'no payment'
    : `${money(p.feeMinor + p.expensesMinor, p.currency)} will be paid${p.feeTo === 'charity' ? ' (the fee to a charity)' : ''}`;

/** Reads "12.50", "€12.50" or "12" as minor units; undefined if it is not an amount. */
export function parseAmount(raw: string): number | undefined {
  const v = raw.trim().replace(/^[€£]\s*/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return undefined;
  return Math.round(Number(v) * 100);
}

/** What the choice form sends, or the field issue to show. */
export function choiceBody(
  option: string | undefined,
  amount: string,
  adviceAcknowledged: boolean,
): { body: ChoiceBody } | { issue: { path: string; message: string } } {
  if (!option) return { issue: { path: 'option', message: 'Choose what to do with this payment.' } };
  const body: ChoiceBody = { option: option as Option };
  if (option === 'reduced') {
    const minor = parseAmount(amount);
    if (minor === undefined) return { issue: { path: 'amountMinor', message: 'Enter an amount like 12.50.' } };
    body.amountMinor = minor;
  }
  if (option === 'full') body.adviceAcknowledged = adviceAcknowledged;
  return { body };
}

export function renderHeldPayment(
  p: FullPaymentView,
  { name, you = false, onDone }: { name?: string; you?: boolean; onDone: (updated: FullPaymentView) => void },
): HTMLElement {
  const key = p.paymentId;
  const headingId = `h-${key}`;
  const their = you ? 'your' : 'their';
  const section = el('section', { class: 'panel held-payment', 'aria-labelledby': headingId });
  section.append(
    el('h2', { id: headingId, text: `${you ? 'Your payment' : name} for the session on ${fullDate(p.sessionDate)}` }),
    el(
      'dl',
      { class: 'summary' },
      el('dt', { text: 'Fee' }),
      el('dd', { text: `${money(p.fullFeeMinor, p.currency)} (${p.hours} hours)` }),
      el('dt', { text: 'Expenses' }),
      el('dd', {
        text: `${money(p.expensesMinor, p.currency)} – paid back whatever ${you ? 'you choose' : 'they choose'}`,
      }),
      el('dt', { text: 'Benefit period' }),
      el('dd', { text: periodWords(p) }),
      ...(p.chooseBy ? [el('dt', { text: 'Please choose by' }), el('dd', { text: fullDate(p.chooseBy) })] : []),
    ),
    el('h3', { text: 'Why we have not paid it yet' }),
    el('ul', {}, ...p.reasons.map((r) => el('li', { text: r.explanation }))),
    ...consequences(p, you),
    el('h3', { text: you ? 'The choice is yours' : 'The choice is theirs' }),
    el('p', {
      text: you
        ? 'We will not decide this for you. Each option below says what you end up with after any change to your benefits. Talking it through with an adviser is free and independent:'
        : 'We will not decide this for them. Each option below says what they end up with after any change to their benefits. Advice is free and independent:',
    }),
    el(
      'ul',
      {},
      ...p.advice.map((a) =>
        el(
          'li',
          {},
          el('a', { href: a.url, rel: 'noopener', target: '_blank', text: `${a.name} (opens in a new tab)` }),
        ),
      ),
    ),
  );

  const form = el('form', { novalidate: true, 'aria-labelledby': `${headingId} legend-${key}` });
  const fieldset = el('fieldset', { class: 'field', 'data-path': 'option' });
  fieldset.append(
    el('legend', { id: `legend-${key}`, text: you ? 'What do you want to do?' : 'What do they choose?' }),
  );
  let amountField: HTMLElement | undefined;
  let adviceField: HTMLElement | undefined;
  for (const { option, outcome } of optionsInOrder(p)) {
    const id = `opt-${key}-${option}`;
    const hintId = `${id}-hint`;
    fieldset.append(
      el(
        'div',
        { class: 'choice' },
        el('input', {
          type: 'radio',
          id,
          name: 'option',
          value: option,
          'aria-describedby': outcome ? hintId : undefined,
        }),
        el(
          'label',
          { for: id },
          optionLabel(option, outcome, p, you),
          outcome ? el('span', { class: 'hint', id: hintId, text: outcome.explanation }) : null,
        ),
      ),
    );
    if (option === 'reduced') {
      amountField = el(
        'div',
        { class: 'field', 'data-path': 'amountMinor', hidden: true },
        el('label', { for: `amount-${key}`, text: `Amount (${currencyWords[p.currency]})` }),
        el('span', {
          class: 'hint',
          id: `amount-hint-${key}`,
          text: `Up to ${money(p.headroomMinor, p.currency)}. We check it again when you save.`,
        }),
        el('input', {
          type: 'text',
          inputmode: 'decimal',
          id: `amount-${key}`,
          name: 'amount',
          'aria-describedby': `amount-hint-${key}`,
        }),
      );
      fieldset.append(amountField);
    }
    if (option === 'full') {
      adviceField = el(
        'div',
        { class: 'field', 'data-path': 'adviceAcknowledged', hidden: true },
        el(
          'div',
          { class: 'choice' },
          el('input', { type: 'checkbox', id: `advice-${key}`, name: 'adviceAcknowledged' }),
          el('label', {
            for: `advice-${key}`,
            text: you
              ? 'I have been offered free, independent benefits advice and I know my benefits may be reduced'
              : `They have been offered free, independent benefits advice and know ${their} benefits may be reduced`,
          }),
        ),
      );
      fieldset.append(adviceField);
    }
  }
  const button = el('button', { type: 'submit', text: you ? 'Save my choice' : 'Record their choice' });
  form.append(fieldset, button);
  const chosen = () => form.querySelector<HTMLInputElement>('input[name=option]:checked')?.value;
  form.addEventListener('change', () => {
    if (amountField) amountField.hidden = chosen() !== 'reduced';
    if (adviceField) adviceField.hidden = chosen() !== 'full';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const r = choiceBody(
      chosen(),
      form.querySelector<HTMLInputElement>('input[name=amount]')?.value ?? '',
      form.querySelector<HTMLInputElement>('input[name=adviceAcknowledged]')?.checked ?? false,
    );
    if ('issue' in r) {
      showErrors(form, [r.issue]);
      return;
    }
    button.disabled = true;
    try {
      const updated = await sendOnce<FullPaymentView>(
        form,
        'POST',
        `/api/payments/${encodeURIComponent(p.paymentId)}/choice`,
        r.body,
      );
      onDone(updated);
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else if (statusOf(err) === 409)
        showErrors(form, [{ path: '', message: messageOf(err, 'This payment has changed. Reload the page.') }]);
      else showErrors(form, [{ path: '', message: 'Saving did not work. Nothing was saved. Please try again.' }]);
    } finally {
      button.disabled = false;
    }
  });
  section.append(form);
  return section;
}

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeTimes } from '../../shared/forums/domain/time.js';
import { quorumRuleWords, reminderLeadsWords } from '../../shared/forums/domain/wording.js';
import { isoToZoned, zonedToIso } from '../../shared/kernel/time.js';
import { localInputToIso, signerNames, statusBadge, whenIn } from '../../web/src/lib/decision-words.js';
import { issuedSummary, totalsByCurrency } from '../../web/src/lib/finance.js';
import { applyFilter, matchesFilter } from '../../web/src/lib/invitee-filter.js';
import { mergeWarnings, rememberWarnings, scheduledMessage, takeWarnings } from '../../web/src/lib/session-warnings.js';

describe('forum times, in the forum’s zone whatever the browser’s', () => {
  it('reads what was typed as Irish time, winter and summer, and across the change', () => {
    expect(zonedToIso('2026-03-02', '18:00', 'Europe/Dublin')).toBe('2026-03-02T18:00:00+00:00');
    expect(zonedToIso('2026-07-02', '18:00', 'Europe/Dublin')).toBe('2026-07-02T18:00:00+01:00');
    // 29 March 2026: clocks go forward at 01:00 UTC; 10:00 that morning is summer time.
    expect(zonedToIso('2026-03-29', '10:00', 'Europe/London')).toBe('2026-03-29T10:00:00+01:00');
    expect(zonedToIso('2026-03-28', '23:30', 'Europe/London')).toBe('2026-03-28T23:30:00+00:00');
  });

  it('gives back the same date and time for the form fields', () => {
    expect(isoToZoned('2026-07-02T17:00:00Z', 'Europe/Dublin')).toEqual({ date: '2026-07-02', time: '18:00' });
    expect(isoToZoned('2026-03-28T23:30:00Z', 'Europe/London')).toEqual({ date: '2026-03-28', time: '23:30' });
    // 23:30 UTC on 29 March is 00:30 on the 30th in summer time.
    expect(isoToZoned('2026-03-29T23:30:00Z', 'Europe/Dublin')).toEqual({ date: '2026-03-30', time: '00:30' });
  });

  it('describes a session as the messages do', () => {
    expect(describeTimes({ startsAt: '2026-07-02T17:00:00Z', endsAt: '2026-07-02T19:00:00Z' }, 'Europe/Dublin')).toBe(
      'Thursday 2 July 2026, 18:00 to 20:00 (Irish time)',
    );
  });

  it('names a decision’s due time in the forum’s zone and reads the datetime field there', () => {
    expect(whenIn('2027-07-15T16:00:00Z', 'Europe/Dublin')).toMatch(
      /Thursday 15 July 2027.*17:00.*Irish Standard Time/,
    );
    expect(localInputToIso('2027-07-15T17:00', 'Europe/Dublin')).toBe('2027-07-15T17:00:00+01:00');
  });
});

describe('words, not codes', () => {
  it('states quorum and reminders in plain words', () => {
    expect(quorumRuleWords({ minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 })).toBe(
      'at least 2 people with lived experience, and at least 30% of those attending',
    );
    expect(reminderLeadsWords([2880, 120])).toBe('2 days before, 2 hours before');
    expect(reminderLeadsWords([])).toBe('No reminders');
  });

  it('names signers "You" or "Person n", never by a 26-character number', () => {
    const names = signerNames(
      [
        { participantId: '01JAAAAAAAAAAAAAAAAAAAAAAA', constituency: 'provider' },
        { participantId: '01JBBBBBBBBBBBBBBBBBBBBBBB', constituency: 'lived-experience' },
        { participantId: '01JAAAAAAAAAAAAAAAAAAAAAAA', constituency: 'provider' },
      ],
      { me: '01JBBBBBBBBBBBBBBBBBBBBBBB' },
    );
    expect([...names.values()]).toEqual(['Person 1 (staff)', 'You']);
  });

  it('labels a status in words as well as colour, and says overdue', () => {
    expect(statusBadge({ status: 'proposed', overdue: true }).textContent).toBe('Waiting for sign-off Overdue');
    expect(statusBadge({ status: 'co-signed', overdue: false }).className).toBe('status ok');
  });
});

describe('a session’s warnings and what the page promises', () => {
  it('keeps the scheduling answer’s warnings for the page it opens, once', () => {
    rememberWarnings('s1', [{ kind: 'starts-in-the-past', message: 'This session starts in the past.' }]);
    expect(takeWarnings('s1').map((w) => w.kind)).toEqual(['starts-in-the-past']);
    expect(takeWarnings('s1')).toEqual([]);
    expect(
      mergeWarnings([{ kind: 'no-rate', message: 'No rate.' }], [{ kind: 'no-rate', message: 'No rate.' }]),
    ).toHaveLength(1);
  });

  it('promises invitations and reminders only for a session still to come', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(scheduledMessage({ status: 'scheduled', startsAt: '2026-03-02T18:00:00Z' }, now)).toContain('reminders go');
    expect(scheduledMessage({ status: 'scheduled', startsAt: '2026-02-27T18:00:00Z' }, now)).toContain(
      'no invitations or reminders are sent',
    );
  });
});

describe('finance at volume', () => {
  it('totals by currency', () => {
    expect(
      totalsByCurrency([
        { totalMinor: 8_740, currency: 'EUR' },
        { totalMinor: 19_240, currency: 'GBP' },
        { totalMinor: 1_260, currency: 'EUR' },
      ]),
    ).toEqual(['2 payments: €100.00', '1 payment: £192.40']);
  });

  it('says what the bulk mark-paid did, naming each refusal', () => {
    expect(
      issuedSummary(
        {
          items: [
            { paymentId: 'a', status: 'issued' },
            { paymentId: 'b', status: 'issued' },
            { paymentId: 'c', status: 'unchanged' },
            { paymentId: 'd', status: 'refused', message: 'It was issued with another reference.' },
          ],
        },
        'AP-7',
        (id) => `CP-${id}`,
      ),
    ).toBe(
      '2 payments marked as paid with reference AP-7. 1 was already marked with that reference. CP-d: not marked. It was issued with another reference.',
    );
  });
});

describe('the invitee filter', () => {
  it('matches every word typed, in any case, and keeps ticked people', () => {
    expect(matchesFilter('Aoife – Carer (lived experience), cho5-waterford', 'aoife WATER')).toBe(true);
    expect(matchesFilter('Brian – Carer', 'aoife')).toBe(false);
    document.body.innerHTML = `<div id="l">
      <div class="choice" data-participant="1"><input type="checkbox"><label>Aoife</label></div>
      <div class="choice" data-participant="2"><input type="checkbox" checked><label>Brian</label></div>
      <div class="choice" data-participant="3"><input type="checkbox"><label>Cara</label></div></div>`;
    const list = document.getElementById('l')!;
    expect(applyFilter(list, 'aoi')).toBe(2);
    expect([...list.querySelectorAll<HTMLElement>('.choice')].map((c) => c.hidden)).toEqual([false, false, true]);
  });
});

describe('dates typed as day, month and year', async () => {
  const { readDateParts, dateToParts } = await import('../../web/src/lib/date-parts.js');
  it('reads them in that order, whatever the browser’s locale', () => {
    expect(readDateParts('2', '3', '2026')).toEqual({ date: '2026-03-02' });
    expect(readDateParts(' 02 ', '03', '2026')).toEqual({ date: '2026-03-02' });
    expect(dateToParts('2026-03-02')).toEqual({ day: '2', month: '3', year: '2026' });
  });
  it('says which part is wrong', () => {
    expect(readDateParts('', '', '')).toMatchObject({ part: 'day', problem: 'Enter the date.' });
    expect(readDateParts('31', '2', '2026')).toMatchObject({ part: 'day' });
    expect(readDateParts('2', '13', '2026')).toMatchObject({ part: 'month' });
    expect(readDateParts('2', '3', '26')).toMatchObject({ part: 'year' });
  });
});

describe('a date field upgraded to day, month and year', async () => {
  const { dateProblems, setDateField, upgradeDateInputs } = await import('../../web/src/lib/date-parts.js');
  it('keeps the name, the data-path and the hint; holds YYYY-MM-DD; says what is wrong', () => {
    document.body.innerHTML = `<form><div class="field" data-path="from"><label for="from">From</label>
      <span class="hint" id="from-hint">The first day.</span>
      <input type="date" id="from" name="from" aria-describedby="from-hint"></div></form>`;
    const form = document.querySelector('form')!;
    upgradeDateInputs(form);
    const fs = form.querySelector('fieldset[data-path="from"]')!;
    expect(fs.querySelector('legend')?.textContent).toBe('From');
    expect(fs.querySelector('#from-hint')).not.toBeNull();
    expect([...fs.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Day', 'Month', 'Year']);
    expect(fs.querySelector('#from-day')?.getAttribute('aria-describedby')).toBe('from-hint from-format');
    setDateField(form, 'from', '2026-03-02');
    expect((form.elements.namedItem('from') as HTMLInputElement).value).toBe('2026-03-02');
    expect(fs.querySelector<HTMLInputElement>('#from-day')?.value).toBe('2');
    const day = fs.querySelector<HTMLInputElement>('#from-day')!;
    day.value = '31';
    fs.querySelector<HTMLInputElement>('#from-month')!.value = '2';
    day.dispatchEvent(new Event('input', { bubbles: true }));
    expect((form.elements.namedItem('from') as HTMLInputElement).value).toBe('');
    expect(dateProblems(form)).toEqual([
      { path: 'from', message: 'That date does not exist. Check the day and the month.' },
    ]);
  });
});

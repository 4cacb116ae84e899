import { describeTimes } from '../../../shared/forums/domain/time.js';
import { quorumRuleWords, reminderLeadsWords } from '../../../shared/forums/domain/wording.js';
import { addDays, zonedToIso, zoneName } from '../../../shared/kernel/time.js';
import { countryWords, currencyWords, stakeholderGroupWords } from '../../../shared/kernel/words.js';
import type {
  ForumView,
  Page,
  ParticipantSummary,
  RateAdded,
  ScheduleBody,
  Scheduled,
  SessionSummary,
} from '../lib/api-types.js';
import {
  announce,
  announceToScreenReader,
  api,
  clearErrors,
  el,
  money,
  requireRole,
  sendOnce,
  showErrors,
} from '../lib/app.js';
import { dateProblems, readDateParts, upgradeDateInputs } from '../lib/date-parts.js';
import { byId, facts, fieldValue, issuesOf, longDate, messageOf, statusOf, table } from '../lib/dom.js';
import { applyFilter } from '../lib/invitee-filter.js';
import { rememberWarnings } from '../lib/session-warnings.js';

const STATUS: Record<string, string> = { scheduled: 'Scheduled', cancelled: 'Cancelled', held: 'Held' };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Everyone who can be invited: consent given, including to forums, and, for people who are paid
 * (lived experience), registered in the forum's country: their fee is checked against their own
 * country's benefit rules, in its currency, so the API refuses anyone else (pages through the list).
 */
async function invitable(forum: ForumView) {
  const people: ParticipantSummary[] = [];
  let left = 0;
  let elsewhere = 0;
  let cursor: string | null | undefined = null;
  for (let page = 0; page < 10; page++) {
    const params = new URLSearchParams({ limit: '100' });
    if (cursor) params.set('cursor', cursor);
    const r: Page<ParticipantSummary> = await api<Page<ParticipantSummary>>('GET', `/api/participants?${params}`);
    for (const p of r.items) {
      if (!(p.consent.status === 'given' && p.consent.scopes.includes('forums'))) left++;
      else if (p.constituency !== 'provider' && p.jurisdiction !== forum.jurisdiction) elsewhere++;
      else people.push(p);
    }
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return { people: people.sort((a, b) => a.displayName.localeCompare(b.displayName)), left, elsewhere };
}

const s = requireRole('coordinator');
const forumId = new URLSearchParams(location.search).get('id');
if (s && forumId) {
  const form = byId<HTMLFormElement>('schedule-form');
  const summary = byId('summary');
  const sessions = byId('sessions');
  const inviteeList = byId('invitee-list');
  const filter = byId<HTMLInputElement>('invitee-filter');
  const ratesBox = byId('rates');
  const rateForm = byId<HTMLFormElement>('rate-form');
  let forum: ForumView;
  upgradeDateInputs(rateForm);

  /** The rate history, newest first as the API gives it: each rate runs until the day before the next. */
  const showRates = () => {
    const currency = forum.remuneration.currency;
    ratesBox.replaceChildren(
      table(
        `Hourly rates of ${forum.name}, newest first`,
        ['From', 'Until', 'Hourly rate'],
        forum.rates.map((r, i) => {
          const next = forum.rates[i - 1];
          return [
            longDate(r.effectiveFrom),
            next ? longDate(addDays(next.effectiveFrom, -1)) : 'No end date',
            money(r.hourlyRateMinor, currency),
          ];
        }),
        { rowHeader: 0 },
      ),
    );
  };

  const showSummary = () => {
    const f = forum;
    summary.replaceChildren(
      facts([
        ['Kind', f.level === 'area' ? 'Area forum' : 'Local forum'],
        ['Area', f.areaId],
        ['Meets in', `${countryWords[f.jurisdiction]} (${zoneName(f.timeZone)})`],
        [
          'Payment per hour',
          f.remuneration.hourlyRateMinor === undefined
            ? 'No rate in force today: add one below before sessions are held'
            : money(f.remuneration.hourlyRateMinor, f.remuneration.currency),
        ],
        ['Lived-experience presence needed', capital(quorumRuleWords(f.quorum))],
        ['Reminders', reminderLeadsWords(f.reminders.leadMinutes)],
      ]),
    );
  };

  rateForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(rateForm);
    const wrongDate = dateProblems(rateForm);
    if (wrongDate.length) {
      showErrors(rateForm, wrongDate);
      return;
    }
    const amount = fieldValue(rateForm, 'newRate').trim();
    const rateFrom = fieldValue(rateForm, 'rateFrom');
    const words = currencyWords[forum.remuneration.currency];
    const missing = [];
    if (!/^\d+(\.\d{1,2})?$/.test(amount)) {
      missing.push({
        path: 'hourlyRateMinor',
        message: amount === '' ? 'Enter the new hourly rate.' : `Enter the rate in ${words}, for example 27.50.`,
      });
    }
    if (!rateFrom) missing.push({ path: 'effectiveFrom', message: 'Enter the date the new rate starts.' });
    if (missing.length) {
      showErrors(rateForm, missing);
      return;
    }
    const body = { hourlyRateMinor: Math.round(Number(amount) * 100), effectiveFrom: rateFrom };
    const button = rateForm.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const { rate } = await sendOnce<RateAdded>(
        rateForm,
        'POST',
        `/api/forums/${encodeURIComponent(forumId)}/rates`,
        body,
      );
      delete rateForm.dataset.idempotencyKey;
      rateForm.reset();
      forum = await api<ForumView>('GET', `/api/forums/${encodeURIComponent(forumId)}`);
      showSummary();
      showRates();
      announce(
        `New rate saved: ${money(rate.hourlyRateMinor, rate.currency)} an hour from ${longDate(rate.effectiveFrom)}.`,
      );
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(rateForm, issues);
      // Every refusal of a rate is about its date: one already taken, or a session already held.
      else if (statusOf(err) === 409) {
        showErrors(rateForm, [{ path: 'effectiveFrom', message: messageOf(err, 'That date cannot take a new rate.') }]);
      } else announce('Saving the rate did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  const loadSessions = async () => {
    const page = await api<Page<SessionSummary>>(
      'GET',
      `/api/forums/${encodeURIComponent(forumId)}/sessions?limit=100`,
    );
    if (page.items.length === 0) {
      sessions.replaceChildren(el('p', { text: 'No sessions yet. Schedule the first one below.' }));
      return;
    }
    sessions.replaceChildren(
      table(
        `Sessions of ${forum.name}, earliest first`,
        ['Session', 'When', 'Venue', 'Status'],
        page.items.map((x) => [
          el('a', { href: `/sessions/view?id=${encodeURIComponent(x.sessionId)}`, text: x.title }),
          describeTimes(x, forum.timeZone),
          `${x.venue.name}${x.venue.accessible ? '' : ' (not marked accessible)'}`,
          STATUS[x.status] ?? x.status,
        ]),
        { rowHeader: 0 },
      ),
    );
  };

  const loadInvitees = async () => {
    const { people, left, elsewhere } = await invitable(forum);
    inviteeList.replaceChildren();
    if (people.length === 0) {
      inviteeList.append(el('p', { text: 'Nobody can be invited yet. Recruit people first.' }));
    }
    for (const p of people) {
      const id = `invite-${p.participantId}`;
      const group = stakeholderGroupWords[p.stakeholderGroup] ?? p.stakeholderGroup;
      const kind = p.constituency === 'lived-experience' ? 'lived experience' : 'staff';
      inviteeList.append(
        el(
          'div',
          { class: 'choice', 'data-participant': p.participantId },
          el('input', {
            type: 'checkbox',
            id,
            name: 'invitee',
            value: p.participantId,
            'aria-describedby': 'invitees-hint',
          }),
          el('label', { for: id, text: `${p.displayName} – ${group} (${kind}), ${p.areaId}` }),
        ),
      );
    }
    if (elsewhere > 0) {
      inviteeList.append(
        el('p', {
          class: 'hint',
          text: `${elsewhere} ${elsewhere === 1 ? 'person with lived experience is' : 'people with lived experience are'} not listed: they are registered in ${forum.jurisdiction === 'IE' ? 'the UK' : 'Ireland'}, and this forum pays in ${currencyWords[forum.remuneration.currency]}, so it cannot pay them without risking their benefits.`,
        }),
      );
    }
    if (left > 0) {
      inviteeList.append(
        el('p', {
          class: 'hint',
          text: `${left} ${left === 1 ? 'person is' : 'people are'} not listed: they have not agreed to forums or have withdrawn consent.`,
        }),
      );
    }
    byId('invitee-filter-field').hidden = people.length < 8;
  };

  filter.addEventListener('input', () => {
    const shown = applyFilter(inviteeList, filter.value);
    announceToScreenReader(`${shown} ${shown === 1 ? 'person' : 'people'} shown.`);
  });
  // Enter in the filter narrows the list; it does not schedule the session.
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') e.preventDefault();
  });

  /** The date as typed in day, month and year (the same order for everyone, whatever the browser's locale). */
  const readDate = () =>
    readDateParts(fieldValue(form, 'dateDay'), fieldValue(form, 'dateMonth'), fieldValue(form, 'dateYear'));

  const body = (): ScheduleBody => {
    const read = readDate();
    const date = 'date' in read ? read.date : '';
    const start = fieldValue(form, 'start');
    const end = fieldValue(form, 'end');
    const startsAt = date && start ? zonedToIso(date, start, forum.timeZone) : '';
    const endsAt = date && end ? zonedToIso(date, end, forum.timeZone) : '';
    // Each ticked person's row gets the path of its place in the list, so an error about
    // invitees.1 shows beside the second person ticked.
    for (const r of inviteeList.querySelectorAll('[data-participant]')) r.removeAttribute('data-path');
    const ticked = [...inviteeList.querySelectorAll<HTMLInputElement>('input[name=invitee]:checked')];
    for (const [i, input] of ticked.entries()) input.closest('.choice')?.setAttribute('data-path', `invitees.${i}`);
    return {
      title: fieldValue(form, 'sessionTitle'),
      startsAt,
      endsAt,
      venue: { name: fieldValue(form, 'venue'), accessible: fieldValue(form, 'accessible') === 'yes' },
      agenda: fieldValue(form, 'agenda')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      invitees: ticked.map((i) => i.value),
    };
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const missing = [];
    const read = readDate();
    if ('problem' in read) {
      const message = read.problem === 'Enter the date.' ? 'Enter the date of the session.' : read.problem;
      missing.push({ path: 'startsAt', message });
    }
    if (!fieldValue(form, 'start')) missing.push({ path: 'startsAt.time', message: 'Enter the time it starts.' });
    if (!fieldValue(form, 'end')) missing.push({ path: 'endsAt', message: 'Enter the time it ends.' });
    if (missing.length) {
      showErrors(form, missing);
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const r = await sendOnce<Scheduled>(form, 'POST', `/api/forums/${encodeURIComponent(forumId)}/sessions`, body());
      // The session page shows what the API warned about (in the past, no rate, clashes).
      rememberWarnings(r.sessionId, r.warnings);
      location.href = `/sessions/view?id=${encodeURIComponent(r.sessionId)}&created=1`;
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce('Scheduling did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  api<ForumView>('GET', `/api/forums/${encodeURIComponent(forumId)}`)
    .then(async (f) => {
      forum = f;
      byId('title').textContent = f.name;
      document.title = `${f.name} – Coproduce`;
      byId('zone-hint').textContent = `Times are in ${zoneName(f.timeZone)} (${f.timeZone}).`;
      byId('new-rate-hint').textContent =
        `In ${currencyWords[f.remuneration.currency]}, for each hour of taking part, for example 27.50.`;
      showSummary();
      showRates();
      if (new URLSearchParams(location.search).get('created')) announce(`${f.name} has been set up.`);
      await Promise.all([loadSessions(), loadInvitees()]);
    })
    .catch((err: unknown) => {
      summary.replaceChildren(
        el('p', { text: statusOf(err) === 404 ? 'We could not find this forum.' : 'This forum could not be shown.' }),
      );
    });
} else if (s) {
  byId('summary').replaceChildren(el('p', { text: 'No forum was chosen. Go back to all forums.' }));
}

import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '/assets/app.js';
import {
  describeLeads,
  describeQuorum,
  describeTimes,
  GROUPS,
  zonedToIso,
  zoneName,
} from '/assets/pages/forums-time.js';

const money = (minor, currency) => new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(minor / 100);
/** "1 January 2027" for a date ("2027-01-01"): a calendar date, the same in every time zone. */
const longDate = (date) =>
  new Intl.DateTimeFormat('en-IE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
const dayBefore = (date) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const CURRENCY_WORDS = { EUR: 'euro', GBP: 'pounds' };
const STATUS = { scheduled: 'Scheduled', cancelled: 'Cancelled', held: 'Held' };

/**
 * Everyone who can be invited: consent given, including to forums, and, for people who are paid
 * (lived experience), registered in the forum's country: their fee is checked against their own
 * country's benefit rules, in its currency, so the API refuses anyone else (pages through the list).
 */
async function invitable(forum) {
  const people = [];
  let left = 0;
  let elsewhere = 0;
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    const params = new URLSearchParams({ limit: '100' });
    if (cursor) params.set('cursor', cursor);
    const r = await api('GET', `/api/participants?${params}`);
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
  const form = document.getElementById('schedule-form');
  const summary = document.getElementById('summary');
  const sessions = document.getElementById('sessions');
  const inviteeList = document.getElementById('invitee-list');
  const ratesBox = document.getElementById('rates');
  const rateForm = document.getElementById('rate-form');
  let forum;

  /** The rate history, newest first as the API gives it: each rate runs until the day before the next. */
  function showRates() {
    const currency = forum.remuneration.currency;
    const rows = forum.rates.map((r, i) => {
      const next = forum.rates[i - 1];
      return el(
        'tr',
        {},
        el('th', { scope: 'row', text: longDate(r.effectiveFrom) }),
        el('td', { text: next ? longDate(dayBefore(next.effectiveFrom)) : 'No end date' }),
        el('td', { text: money(r.hourlyRateMinor, currency) }),
      );
    });
    ratesBox.replaceChildren(
      el(
        'table',
        {},
        el('caption', { text: `Hourly rates of ${forum.name}, newest first` }),
        el(
          'thead',
          {},
          el('tr', {}, ...['From', 'Until', 'Hourly rate'].map((h) => el('th', { scope: 'col', text: h }))),
        ),
        el('tbody', {}, ...rows),
      ),
    );
  }

  function showSummary() {
    const f = forum;
    const rows = [
      ['Kind', f.level === 'area' ? 'Area forum' : 'Local forum'],
      ['Area', f.areaId],
      [
        'Meets in',
        f.jurisdiction === 'IE' ? `Ireland (${zoneName(f.timeZone)})` : `the United Kingdom (${zoneName(f.timeZone)})`,
      ],
      ['Payment per hour', money(f.remuneration.hourlyRateMinor, f.remuneration.currency)],
      ['Lived-experience presence needed', describeQuorum(f.quorum)],
      ['Reminders', describeLeads(f.reminders.leadMinutes)],
    ];
    const dl = el('dl', { class: 'summary' });
    for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: v }));
    summary.replaceChildren(dl);
  }

  rateForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(rateForm);
    const amount = rateForm.newRate.value.trim();
    const words = CURRENCY_WORDS[forum.remuneration.currency] ?? forum.remuneration.currency;
    const missing = [];
    if (!/^\d+(\.\d{1,2})?$/.test(amount)) {
      missing.push({
        path: 'hourlyRateMinor',
        message: amount === '' ? 'Enter the new hourly rate.' : `Enter the rate in ${words}, for example 27.50.`,
      });
    }
    if (!rateForm.rateFrom.value)
      missing.push({ path: 'effectiveFrom', message: 'Enter the date the new rate starts.' });
    if (missing.length) {
      showErrors(rateForm, missing);
      return;
    }
    const body = { hourlyRateMinor: Math.round(Number(amount) * 100), effectiveFrom: rateForm.rateFrom.value };
    const button = rateForm.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { rate } = await sendOnce(rateForm, 'POST', `/api/forums/${encodeURIComponent(forumId)}/rates`, body);
      delete rateForm.dataset.idempotencyKey;
      rateForm.reset();
      forum = await api('GET', `/api/forums/${encodeURIComponent(forumId)}`);
      showSummary();
      showRates();
      announce(
        `New rate saved: ${money(rate.hourlyRateMinor, rate.currency)} an hour from ${longDate(rate.effectiveFrom)}.`,
      );
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(rateForm, err.body.issues);
      // Every refusal of a rate is about its date: one already taken, or a session already held.
      else if (err.status === 409 && err.body?.message) {
        showErrors(rateForm, [{ path: 'effectiveFrom', message: err.body.message }]);
      } else announce('Saving the rate did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  async function loadSessions() {
    const page = await api('GET', `/api/forums/${encodeURIComponent(forumId)}/sessions?limit=100`);
    if (page.items.length === 0) {
      sessions.replaceChildren(el('p', { text: 'No sessions yet. Schedule the first one below.' }));
      return;
    }
    const table = el(
      'table',
      {},
      el('caption', { text: `Sessions of ${forum.name}, earliest first` }),
      el(
        'thead',
        {},
        el('tr', {}, ...['Session', 'When', 'Venue', 'Status'].map((h) => el('th', { scope: 'col', text: h }))),
      ),
      el(
        'tbody',
        {},
        ...page.items.map((x) =>
          el(
            'tr',
            {},
            el(
              'th',
              { scope: 'row' },
              el('a', { href: `/sessions/view?id=${encodeURIComponent(x.sessionId)}`, text: x.title }),
            ),
            el('td', { text: describeTimes(x.startsAt, x.endsAt, forum.timeZone) }),
            el('td', { text: `${x.venue.name}${x.venue.accessible ? '' : ' (not marked accessible)'}` }),
            el('td', { text: STATUS[x.status] ?? x.status }),
          ),
        ),
      ),
    );
    sessions.replaceChildren(table);
  }

  async function loadInvitees() {
    const { people, left, elsewhere } = await invitable(forum);
    inviteeList.replaceChildren();
    if (people.length === 0) {
      inviteeList.append(el('p', { text: 'Nobody can be invited yet. Recruit people first.' }));
    }
    for (const p of people) {
      const id = `invite-${p.participantId}`;
      const group = GROUPS[p.stakeholderGroup] ?? p.stakeholderGroup;
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
          text: `${elsewhere} ${elsewhere === 1 ? 'person with lived experience is' : 'people with lived experience are'} not listed: they are registered in ${forum.jurisdiction === 'IE' ? 'the UK' : 'Ireland'}, and this forum pays in ${forum.jurisdiction === 'IE' ? 'euro' : 'pounds'}, so it cannot pay them without risking their benefits.`,
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
  }

  function body() {
    const date = form.date.value;
    const startsAt = date && form.start.value ? zonedToIso(date, form.start.value, forum.timeZone) : '';
    const endsAt = date && form.end.value ? zonedToIso(date, form.end.value, forum.timeZone) : '';
    // Each ticked person's row gets the path of its place in the list, so an error about
    // invitees.1 shows beside the second person ticked.
    for (const row of inviteeList.querySelectorAll('[data-participant]')) row.removeAttribute('data-path');
    const ticked = [...inviteeList.querySelectorAll('input[name=invitee]:checked')];
    for (const [i, input] of ticked.entries()) input.closest('.choice').setAttribute('data-path', `invitees.${i}`);
    return {
      title: form.sessionTitle.value,
      startsAt,
      endsAt,
      venue: { name: form.venue.value, accessible: form.accessible.value === 'yes' },
      agenda: form.agenda.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      invitees: ticked.map((i) => i.value),
    };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const missing = [];
    if (!form.date.value) missing.push({ path: 'startsAt', message: 'Enter the date of the session.' });
    if (!form.start.value) missing.push({ path: 'startsAt.time', message: 'Enter the time it starts.' });
    if (!form.end.value) missing.push({ path: 'endsAt', message: 'Enter the time it ends.' });
    if (missing.length) {
      showErrors(form, missing);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { sessionId } = await sendOnce(form, 'POST', `/api/forums/${encodeURIComponent(forumId)}/sessions`, body());
      location.href = `/sessions/view?id=${encodeURIComponent(sessionId)}&created=1`;
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce('Scheduling did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  api('GET', `/api/forums/${encodeURIComponent(forumId)}`)
    .then(async (f) => {
      forum = f;
      document.getElementById('title').textContent = f.name;
      document.title = `${f.name} – Coproduce`;
      document.getElementById('zone-hint').textContent = `Times are in ${zoneName(f.timeZone)} (${f.timeZone}).`;
      const words = CURRENCY_WORDS[f.remuneration.currency] ?? f.remuneration.currency;
      document.getElementById('new-rate-hint').textContent =
        `In ${words}, for each hour of taking part, for example 27.50.`;
      showSummary();
      showRates();
      if (new URLSearchParams(location.search).get('created')) announce(`${f.name} has been set up.`);
      await Promise.all([loadSessions(), loadInvitees()]);
    })
    .catch((err) => {
      summary.replaceChildren(
        el('p', { text: err.status === 404 ? 'We could not find this forum.' : 'This forum could not be shown.' }),
      );
    });
} else if (s) {
  document.getElementById('summary').replaceChildren(el('p', { text: 'No forum was chosen. Go back to all forums.' }));
}

import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '/assets/app.js';
import { describeQuorum } from '/assets/pages/forums-time.js';

const money = (minor, currency) => new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(minor / 100);

if (requireRole('coordinator')) {
  const list = document.getElementById('list');
  const form = document.getElementById('forum-form');
  let cursor = null;

  async function load(append) {
    const params = new URLSearchParams({ limit: '25' });
    if (append && cursor) params.set('cursor', cursor);
    const page = await api('GET', `/api/forums?${params}`);
    cursor = page.nextCursor;
    let table = list.querySelector('table');
    if (!append || !table) {
      list.replaceChildren();
      if (page.items.length === 0) {
        list.append(el('p', { text: 'There are no forums yet. Set one up below.' }));
        return;
      }
      table = el(
        'table',
        {},
        el('caption', { text: 'Forums' }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Name', 'Kind', 'Area', 'Payment per hour', 'Lived-experience presence needed'].map((h) =>
              el('th', { scope: 'col', text: h }),
            ),
          ),
        ),
        el('tbody'),
      );
      list.append(table);
    }
    const tbody = table.querySelector('tbody');
    for (const f of page.items) {
      tbody.append(
        el(
          'tr',
          {},
          el(
            'th',
            { scope: 'row' },
            el('a', { href: `/forums/view?id=${encodeURIComponent(f.forumId)}`, text: f.name }),
          ),
          el('td', { text: f.level === 'area' ? 'Area forum' : 'Local forum' }),
          el('td', { text: f.areaId }),
          el('td', { text: money(f.remuneration.hourlyRateMinor, f.remuneration.currency) }),
          el('td', { text: describeQuorum(f.quorum) }),
        ),
      );
    }
    list.querySelector('#more')?.remove();
    if (cursor) {
      const more = el('button', { type: 'button', id: 'more', class: 'secondary', text: 'Show more forums' });
      more.addEventListener('click', () => load(true));
      list.append(more);
    }
  }

  function body() {
    const j = form.jurisdiction.value;
    const rate = form.rate.value.trim();
    const share = form.minShare.value.trim();
    const members = form.minMembers.value.trim();
    return {
      name: form.name.value,
      level: form.level.value,
      areaId: form.areaId.value,
      jurisdiction: j,
      remuneration: {
        hourlyRateMinor: rate === '' ? undefined : Math.round(Number(rate) * 100),
        currency: j === 'UK' ? 'GBP' : 'EUR',
        ...(form.rateFrom.value ? { effectiveFrom: form.rateFrom.value } : {}),
      },
      quorum: {
        minLivedExperienceMembers: members === '' ? undefined : Number(members),
        minLivedExperienceShare: share === '' ? undefined : Number(share) / 100,
      },
      reminders: { leadMinutes: [...form.querySelectorAll('input[name=lead]:checked')].map((i) => Number(i.value)) },
    };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const share = Number(form.minShare.value);
    if (form.minShare.value.trim() === '' || share < 0 || share > 100) {
      showErrors(form, [{ path: 'quorum.minLivedExperienceShare', message: 'Enter a percentage from 0 to 100.' }]);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { forumId } = await sendOnce(form, 'POST', '/api/forums', body());
      location.href = `/forums/view?id=${encodeURIComponent(forumId)}&created=1`;
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce('Saving did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  load(false).catch(() =>
    list.replaceChildren(el('p', { text: 'The forums could not be shown. Please reload the page.' })),
  );
}

import { quorumRuleWords } from '../../../shared/forums/domain/wording.js';
import { currencyOf, type Jurisdiction } from '../../../shared/kernel/names.js';
import type { ForumBody, ForumSummary, Page } from '../lib/api-types.js';
import { announce, api, clearErrors, el, money, requireRole, sendOnce, showErrors } from '../lib/app.js';
import { dateProblems, upgradeDateInputs } from '../lib/date-parts.js';
import { byId, checkedValues, fieldValue, issuesOf, row, table } from '../lib/dom.js';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

if (requireRole('coordinator')) {
  const list = byId('list');
  const form = byId<HTMLFormElement>('forum-form');
  let cursor: string | null | undefined = null;
  upgradeDateInputs(form);

  const load = async (append: boolean): Promise<void> => {
    const params = new URLSearchParams({ limit: '25' });
    if (append && cursor) params.set('cursor', cursor);
    const page = await api<Page<ForumSummary>>('GET', `/api/forums?${params}`);
    cursor = page.nextCursor;
    let t: HTMLElement | null = list.querySelector('table');
    if (!append || !t) {
      list.replaceChildren();
      if (page.items.length === 0) {
        list.append(el('p', { text: 'There are no forums yet. Set one up below.' }));
        return;
      }
      t = table('Forums', ['Name', 'Kind', 'Area', 'Payment per hour', 'Lived-experience presence needed'], []);
      list.append(t);
    }
    for (const f of page.items) {
      t.querySelector('tbody')?.append(
        row(
          [
            el('a', { href: `/forums/view?id=${encodeURIComponent(f.forumId)}`, text: f.name }),
            f.level === 'area' ? 'Area forum' : 'Local forum',
            f.areaId,
            f.remuneration.hourlyRateMinor === undefined
              ? 'No rate in force'
              : money(f.remuneration.hourlyRateMinor, f.remuneration.currency),
            capital(quorumRuleWords(f.quorum)),
          ],
          0,
        ),
      );
    }
    list.querySelector('#more')?.remove();
    if (cursor) {
      const more = el('button', { type: 'button', id: 'more', class: 'secondary', text: 'Show more forums' });
      more.addEventListener('click', () => load(true));
      list.append(more);
    }
  };

  const body = (): ForumBody => {
    const j = fieldValue(form, 'jurisdiction') as Jurisdiction;
    const rate = fieldValue(form, 'rate').trim();
    const share = fieldValue(form, 'minShare').trim();
    const members = fieldValue(form, 'minMembers').trim();
    const rateFrom = fieldValue(form, 'rateFrom');
    return {
      name: fieldValue(form, 'name'),
      level: fieldValue(form, 'level'),
      areaId: fieldValue(form, 'areaId'),
      jurisdiction: j,
      remuneration: {
        hourlyRateMinor: rate === '' ? undefined : Math.round(Number(rate) * 100),
        currency: currencyOf[j] ?? 'EUR',
        ...(rateFrom ? { effectiveFrom: rateFrom } : {}),
      },
      quorum: {
        minLivedExperienceMembers: members === '' ? undefined : Number(members),
        minLivedExperienceShare: share === '' ? undefined : Number(share) / 100,
      },
      reminders: { leadMinutes: checkedValues(form, 'lead').map(Number) },
    } as ForumBody;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const wrongDate = dateProblems(form);
    if (wrongDate.length) {
      showErrors(form, wrongDate);
      return;
    }
    const shareText = fieldValue(form, 'minShare').trim();
    const share = Number(shareText);
    if (shareText === '' || !(share >= 0 && share <= 100)) {
      showErrors(form, [{ path: 'quorum.minLivedExperienceShare', message: 'Enter a percentage from 0 to 100.' }]);
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const { forumId } = await sendOnce<{ forumId: string }>(form, 'POST', '/api/forums', body());
      location.href = `/forums/view?id=${encodeURIComponent(forumId)}&created=1`;
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce('Saving did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  load(false).catch(() =>
    list.replaceChildren(el('p', { text: 'The forums could not be shown. Please reload the page.' })),
  );
}

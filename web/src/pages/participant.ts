import { consentScopeWords, countryWords, stakeholderGroupWords } from '../../../shared/kernel/words.js';
import { paymentPreferenceWords } from '../../../shared/payments/domain/words.js';
import type { ParticipantView, SchemeInfo, Withdrawn } from '../lib/api-types.js';
import { announce, api, el, requireRole, when } from '../lib/app.js';
import { byId, facts, statusOf } from '../lib/dom.js';

const s = requireRole('coordinator', 'member');
if (s) {
  const id = new URLSearchParams(location.search).get('id') || s.participantId || '';
  const box = byId('record');
  /** A member reads their own record: "you", not "they". */
  const you = !s.groups.includes('coordinator') && id === s.participantId;
  let schemeNames = new Map<string, string>();

  const render = (p: ParticipantView) => {
    byId('title').textContent = you ? 'Your record' : p.displayName;
    document.title = `${you ? 'Your record' : p.displayName} – Coproduce`;
    const benefits = p.benefits.filter((b) => b.scheme !== 'NONE');
    const rows: [string, string][] = [
      ...(you ? ([['Name we use', p.displayName]] as [string, string][]) : []),
      [you ? 'You take part as' : 'Takes part as', stakeholderGroupWords[p.stakeholderGroup] ?? p.stakeholderGroup],
      ['Area', p.areaId],
      [you ? 'Where you live' : 'Where they live', countryWords[p.jurisdiction]],
      [
        'Consent',
        p.consent.status === 'given'
          ? `Given on ${when(p.consent.recordedAt)}`
          : `Withdrawn on ${p.consent.withdrawnAt ? when(p.consent.withdrawnAt) : 'an unknown date'}`,
      ],
      [
        you ? 'You agree to' : 'Agrees to',
        p.consent.scopes.map((c) => consentScopeWords[c] ?? c).join('; ') || 'Nothing yet',
      ],
      ...(p.constituency === 'provider'
        ? []
        : ([
            ['Payment', p.payment ? (paymentPreferenceWords[p.payment.preference] ?? p.payment.preference) : 'Not set'],
            [
              'Benefits',
              benefits.length
                ? benefits.map((b) => schemeNames.get(b.scheme) ?? b.scheme).join('; ')
                : you
                  ? 'You said you get no benefits'
                  : 'No benefits',
            ],
          ] as [string, string][])),
      ['Payee reference (for finance)', p.payeeReference],
      [you ? 'Your participant number (to sign in)' : 'Participant number (to sign in)', p.participantId],
    ];
    box.replaceChildren(facts(rows));
    if (p.consent.status === 'given' && !you) {
      const b = el('button', { type: 'button', class: 'secondary', text: 'Record that consent is withdrawn' });
      b.addEventListener('click', async () => {
        if (
          !confirm(
            'Withdraw consent? They will not be invited or paid for future sessions. What is already owed is still paid.',
          )
        )
          return;
        const r = await api<Withdrawn>(
          'POST',
          `/api/participants/${encodeURIComponent(p.participantId)}/consent-withdrawal`,
        );
        render({ ...p, consent: r.consent });
        announce('Consent withdrawn. They will not be invited to future sessions.');
      });
      box.append(el('h2', { text: 'Consent' }), b);
    }
  };
  Promise.all([
    api<ParticipantView>('GET', `/api/participants/${encodeURIComponent(id)}`),
    api<{ items: SchemeInfo[] }>('GET', '/api/benefit-schemes').catch(() => ({ items: [] as SchemeInfo[] })),
  ])
    .then(([p, schemes]) => {
      schemeNames = new Map(schemes.items.map((x) => [x.id, x.name]));
      render(p);
      if (new URLSearchParams(location.search).get('created')) announce(`${p.displayName} has been recruited.`);
    })
    .catch((err: unknown) => {
      box.replaceChildren(
        el('p', {
          text: statusOf(err) === 404 ? 'We could not find this person.' : 'This record could not be shown.',
        }),
      );
    });
}

import { announce, api, el, requireRole, when } from '/assets/app.js';

const PREFS = {
  ask: 'Ask each time a payment would affect benefits',
  'cap-at-headroom': 'Pay only as much as keeps benefits safe',
  full: 'Always pay in full (has had advice)',
  'expenses-only': 'Expenses only',
  decline: 'Not paid (expenses still paid back)',
};

const s = requireRole('coordinator', 'member');
if (s) {
  const id = new URLSearchParams(location.search).get('id') || s.participantId;
  const box = document.getElementById('record');
  const render = (p) => {
    document.getElementById('title').textContent = p.displayName;
    document.title = `${p.displayName} – Coproduce`;
    const rows = [
      ['Participant number', p.participantId],
      ['Takes part as', p.stakeholderGroup],
      ['Area', p.areaId],
      ['Where they live', p.jurisdiction === 'IE' ? 'Ireland' : 'United Kingdom'],
      [
        'Consent',
        p.consent.status === 'given'
          ? `Given on ${when(p.consent.recordedAt)}`
          : `Withdrawn on ${when(p.consent.withdrawnAt)}`,
      ],
      ['Agrees to', p.consent.scopes.join(', ')],
      ['Payment', PREFS[p.payment.preference] ?? p.payment.preference],
      ['Benefits', p.benefits.length ? p.benefits.map((b) => b.scheme).join(', ') : 'None declared'],
      ['Payee reference (for finance)', p.payeeReference],
    ];
    const dl = el('dl', { class: 'summary' });
    for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: v }));
    box.replaceChildren(dl);
    if (p.consent.status === 'given') {
      const b = el('button', { type: 'button', class: 'secondary', text: 'Record that consent is withdrawn' });
      b.addEventListener('click', async () => {
        if (
          !confirm(
            'Withdraw consent? They will not be invited or paid for future sessions. What is already owed is still paid.',
          )
        )
          return;
        const r = await api('POST', `/api/participants/${encodeURIComponent(p.participantId)}/consent-withdrawal`);
        render({ ...p, consent: r.consent });
        announce('Consent withdrawn. They will not be invited to future sessions.');
      });
      box.append(el('h2', { text: 'Consent' }), b);
    }
  };
  api('GET', `/api/participants/${encodeURIComponent(id)}`)
    .then((p) => {
      render(p);
      if (new URLSearchParams(location.search).get('created')) announce(`${p.displayName} has been recruited.`);
    })
    .catch((err) => {
      box.replaceChildren(
        el('p', { text: err.status === 404 ? 'We could not find this person.' : 'This record could not be shown.' }),
      );
    });
}

import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '/assets/app.js';

if (requireRole('coordinator')) {
  const form = document.getElementById('recruit-form');
  const benefitList = document.getElementById('benefit-list');
  const livedOnly = document.getElementById('lived-experience-only');
  const now = new Date();
  form.recordedAt.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

  // Extra questions some schemes need, shown only when that benefit is ticked.
  const extras = {
    'UK.ESA_PW': [{ name: 'pw1Notified', type: 'checkbox', label: 'They have told DWP about this work on form PW1' }],
    'UK.UC': [
      {
        name: 'assessmentPeriodStartDay',
        type: 'number',
        label: 'Day of the month their assessment period starts (1 to 31)',
        min: 1,
        max: 31,
      },
      { name: 'workAllowanceMinor', type: 'money', label: 'Their monthly work allowance in pounds (0 if none)' },
    ],
    'IE.IB': [
      { name: 'permissionRecorded', type: 'checkbox', label: 'They have written permission for this work' },
      { name: 'weeklyLimitMinor', type: 'money', label: 'Weekly amount allowed by that permission, in euro' },
    ],
    'IE.IP': [
      { name: 'permissionRecorded', type: 'checkbox', label: 'They have written permission for this work' },
      { name: 'weeklyLimitMinor', type: 'money', label: 'Weekly amount allowed by that permission, in euro' },
    ],
    'IE.CA': [
      { name: 'otherWeeklyIncomeMinor', type: 'money', label: 'Other weekly income already declared, in euro' },
    ],
    'IE.JA': [
      {
        name: 'otherDaysWorked',
        type: 'number',
        label: 'Days they already work elsewhere in a usual week',
        min: 0,
        max: 7,
      },
    ],
  };

  let schemes = [];
  function renderBenefits() {
    const j = form.jurisdiction.value;
    benefitList.replaceChildren();
    for (const s of schemes.filter((x) => x.jurisdiction === j || x.jurisdiction === 'any')) {
      const id = `benefit-${s.id.replace('.', '-')}`;
      const box = el('div', { class: 'field benefit', 'data-scheme': s.id });
      const hintId = `${id}-hint`;
      box.append(
        el(
          'div',
          { class: 'choice' },
          el('input', { type: 'checkbox', id, name: 'benefit', value: s.id, 'aria-describedby': hintId }),
          el('label', { for: id }, `${s.name}`, el('span', { class: 'hint', id: hintId, text: s.means })),
        ),
      );
      const more = el('div', { class: 'benefit-extra', hidden: true });
      for (const x of extras[s.id] ?? []) {
        const xid = `${id}-${x.name}`;
        if (x.type === 'checkbox') {
          more.append(
            el(
              'div',
              { class: 'choice', 'data-path-suffix': x.name },
              el('input', { type: 'checkbox', id: xid, name: x.name }),
              el('label', { for: xid, text: x.label }),
            ),
          );
        } else {
          more.append(
            el(
              'div',
              { class: 'field', 'data-path-suffix': x.name },
              el('label', { for: xid, text: x.label }),
              el('input', {
                type: 'number',
                id: xid,
                name: x.name,
                min: x.min ?? 0,
                max: x.max,
                step: x.type === 'money' ? '0.01' : '1',
                inputmode: 'decimal',
              }),
            ),
          );
        }
      }
      box.append(more);
      box.querySelector('input[name=benefit]').addEventListener('change', (e) => {
        more.hidden = !e.target.checked;
      });
      benefitList.append(box);
    }
  }

  function toggleProvider() {
    livedOnly.hidden = form.stakeholderGroup.value === 'provider';
  }

  form.addEventListener('change', (e) => {
    if (e.target.name === 'jurisdiction') renderBenefits();
    if (e.target.name === 'stakeholderGroup') toggleProvider();
  });

  function body() {
    const contact = {};
    if (form.email.value.trim()) contact.email = form.email.value.trim();
    if (form.phone.value.trim()) contact.phone = form.phone.value.trim();
    const b = {
      displayName: form.displayName.value,
      ...(Object.keys(contact).length ? { contact } : {}),
      stakeholderGroup: form.stakeholderGroup.value || undefined,
      areaId: form.areaId.value,
      jurisdiction: form.jurisdiction.value,
      consent: {
        given: form.consentGiven.checked,
        capacityConfirmed: form.capacityConfirmed.checked,
        recordedAt: form.recordedAt.value ? new Date(form.recordedAt.value).toISOString() : '',
        scopes: [...form.querySelectorAll('input[name=scopes]:checked')].map((i) => i.value),
      },
    };
    if (b.stakeholderGroup !== 'provider') {
      b.payment = { preference: form.preference.value };
      b.benefits = [];
      for (const box of benefitList.querySelectorAll('.benefit')) {
        box.removeAttribute('data-path');
        for (const x of box.querySelectorAll('[data-path-suffix]')) x.removeAttribute('data-path');
        if (!box.querySelector('input[name=benefit]').checked) continue;
        const i = b.benefits.length;
        box.setAttribute('data-path', `benefits.${i}`);
        const entry = { scheme: box.dataset.scheme };
        for (const x of box.querySelectorAll('[data-path-suffix]')) {
          const input = x.querySelector('input');
          x.setAttribute('data-path', `benefits.${i}.${x.dataset.pathSuffix}`);
          if (input.type === 'checkbox') entry[input.name] = input.checked;
          else if (input.value !== '') {
            entry[input.name] = input.name.endsWith('Minor')
              ? Math.round(Number(input.value) * 100)
              : Number(input.value);
          }
        }
        b.benefits.push(entry);
      }
    }
    return b;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { participantId } = await sendOnce(form, 'POST', '/api/participants', body());
      location.href = `/participants/view?id=${encodeURIComponent(participantId)}&created=1`;
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce('Saving did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  api('GET', '/api/benefit-schemes').then((r) => {
    schemes = r.items;
    renderBenefits();
  });
}

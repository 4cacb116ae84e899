import type { Recruited, SchemeInfo } from '../lib/api-types.js';
import { announce, api, clearErrors, requireRole, sendOnce, showErrors } from '../lib/app.js';
import { byId, fieldValue, isChecked, issuesOf, setFieldValue } from '../lib/dom.js';
import { buildRecruitBody, renderBenefitChoices } from '../lib/recruit-form.js';

if (requireRole('coordinator')) {
  const form = byId<HTMLFormElement>('recruit-form');
  const benefitList = byId('benefit-list');
  const livedOnly = byId('lived-experience-only');
  const now = new Date();
  setFieldValue(
    form,
    'recordedAt',
    new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16),
  );

  let schemes: SchemeInfo[] = [];
  const renderBenefits = () => renderBenefitChoices(benefitList, schemes, fieldValue(form, 'jurisdiction'));
  const toggleProvider = () => {
    livedOnly.hidden = fieldValue(form, 'stakeholderGroup') === 'provider';
  };

  form.addEventListener('change', (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (name === 'jurisdiction') renderBenefits();
    if (name === 'stakeholderGroup') toggleProvider();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const recordedAt = fieldValue(form, 'recordedAt');
      const body = buildRecruitBody(
        {
          displayName: fieldValue(form, 'displayName'),
          email: fieldValue(form, 'email'),
          phone: fieldValue(form, 'phone'),
          stakeholderGroup: fieldValue(form, 'stakeholderGroup'),
          areaId: fieldValue(form, 'areaId'),
          jurisdiction: fieldValue(form, 'jurisdiction'),
          consentGiven: isChecked(form, 'consentGiven'),
          capacityConfirmed: isChecked(form, 'capacityConfirmed'),
          recordedAt: recordedAt ? new Date(recordedAt).toISOString() : '',
          scopes: [...form.querySelectorAll<HTMLInputElement>('input[name=scopes]:checked')].map((i) => i.value),
          preference: fieldValue(form, 'preference'),
        },
        benefitList,
      );
      const { participantId } = await sendOnce<Recruited>(form, 'POST', '/api/participants', body);
      location.href = `/participants/view?id=${encodeURIComponent(participantId)}&created=1`;
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce('Saving did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  api<{ items: SchemeInfo[] }>('GET', '/api/benefit-schemes').then((r) => {
    schemes = r.items;
    renderBenefits();
  });
}

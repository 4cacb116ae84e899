// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ParticipantInput } from '../../shared/participants/domain/participants.js';
import type { SchemeInfo } from '../../web/src/lib/api-types.js';
import { buildRecruitBody, renderBenefitChoices } from '../../web/src/lib/recruit-form.js';

const schemes: SchemeInfo[] = [
  { id: 'IE.DA', jurisdiction: 'IE', name: 'Disability Allowance (or Blind Pension)', means: '…' },
  { id: 'IE.IB', jurisdiction: 'IE', name: 'Illness Benefit', means: '…' },
  { id: 'NONE', jurisdiction: 'any', name: 'No benefits', means: 'Nothing to check.' },
  { id: 'UK.UC', jurisdiction: 'UK', name: 'Universal Credit', means: '…' },
];

const fields = {
  displayName: 'Aoife',
  email: ' aoife@example.org ',
  phone: '',
  stakeholderGroup: 'service-user',
  areaId: 'cho5-waterford',
  jurisdiction: 'IE',
  consentGiven: true,
  capacityConfirmed: true,
  recordedAt: '2026-01-10T10:00:00.000Z',
  scopes: ['forums', 'payments'],
  preference: 'ask',
};

let list: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<div id="benefit-list"></div>';
  list = document.getElementById('benefit-list')!;
});
const tick = (scheme: string) => {
  const box = list.querySelector<HTMLInputElement>(`input[name=benefit][value="${scheme}"]`)!;
  box.checked = true;
  box.dispatchEvent(new Event('change'));
};

describe('the recruit form', () => {
  it('lists the schemes of the country chosen, with "No benefits" last', () => {
    renderBenefitChoices(list, schemes, 'IE');
    expect([...list.querySelectorAll<HTMLInputElement>('input[name=benefit]')].map((i) => i.value)).toEqual([
      'IE.DA',
      'IE.IB',
      'NONE',
    ]);
  });

  it('sends "No benefits" on purpose as { scheme: NONE }, which the server accepts', () => {
    renderBenefitChoices(list, schemes, 'IE');
    tick('NONE');
    const body = buildRecruitBody(fields, list);
    expect(body.benefits).toEqual([{ scheme: 'NONE' }]);
    expect(body.contact).toEqual({ email: 'aoife@example.org' });
    expect(ParticipantInput.safeParse(body).success).toBe(true);
  });

  it('sends nothing ticked as an empty list, which the server refuses at "benefits"', () => {
    renderBenefitChoices(list, schemes, 'IE');
    const body = buildRecruitBody(fields, list);
    expect(body.benefits).toEqual([]);
    const r = ParticipantInput.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('benefits');
  });

  it('clears "No benefits" when a benefit is ticked, and the other way round', () => {
    renderBenefitChoices(list, schemes, 'IE');
    tick('NONE');
    tick('IE.DA');
    expect(buildRecruitBody(fields, list).benefits).toEqual([{ scheme: 'IE.DA' }]);
    tick('NONE');
    expect(buildRecruitBody(fields, list).benefits).toEqual([{ scheme: 'NONE' }]);
  });

  it('asks each scheme’s facts from the server’s list and sends money in cents, with data-paths for errors', () => {
    renderBenefitChoices(list, schemes, 'IE');
    tick('IE.IB');
    list.querySelector<HTMLInputElement>('input[name=permissionRecorded]')!.checked = true;
    list.querySelector<HTMLInputElement>('input[name=weeklyLimitMinor]')!.value = '120.50';
    expect(buildRecruitBody(fields, list).benefits).toEqual([
      { scheme: 'IE.IB', permissionRecorded: true, weeklyLimitMinor: 12_050 },
    ]);
    expect(list.querySelector('[data-path="benefits.0.weeklyLimitMinor"] input')).not.toBeNull();
  });

  it('sends staff without a payment preference or benefits', () => {
    renderBenefitChoices(list, schemes, 'IE');
    const body = buildRecruitBody({ ...fields, stakeholderGroup: 'provider' }, list);
    expect(body.benefits).toBeUndefined();
    expect(body.payment).toBeUndefined();
    expect(ParticipantInput.safeParse(body).success).toBe(true);
  });

  it('refuses Universal Credit without its assessment day, naming the field (one list, server and form)', () => {
    renderBenefitChoices(list, schemes, 'UK');
    tick('UK.UC');
    const body = buildRecruitBody({ ...fields, jurisdiction: 'UK' }, list);
    const r = ParticipantInput.safeParse(body);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('benefits.0.assessmentPeriodStartDay');
    expect(list.querySelector('[data-path="benefits.0.assessmentPeriodStartDay"]')).not.toBeNull();
  });
});

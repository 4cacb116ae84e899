/**
 * The recruit form's benefit questions and the body it sends. The schemes come from the API
 * (GET /api/benefit-schemes); the facts each scheme needs come from the server's own list
 * (shared/participants/domain/benefit-fields.ts), so the form asks exactly what the rules check.
 * "No benefits" is one of the schemes and is sent on purpose as `{ scheme: 'NONE' }`.
 */

import { benefitFields, NO_BENEFITS } from '../../../shared/participants/domain/benefit-fields.js';
import type { RecruitBody, SchemeInfo } from './api-types.js';
import { el } from './app.js';

export type BenefitEntry = NonNullable<RecruitBody['benefits']>[number];

/** The checkboxes for the schemes of a jurisdiction, "No benefits" last, each with the facts it needs. */
export function renderBenefitChoices(list: HTMLElement, schemes: readonly SchemeInfo[], jurisdiction: string): void {
  list.replaceChildren();
  const fitting = schemes.filter((x) => x.jurisdiction === jurisdiction || x.jurisdiction === 'any');
  const ordered = [...fitting.filter((x) => x.id !== NO_BENEFITS), ...fitting.filter((x) => x.id === NO_BENEFITS)];
  for (const s of ordered) {
    const id = `benefit-${s.id.replace('.', '-')}`;
    const hintId = `${id}-hint`;
    const box = el('div', { class: 'field benefit', 'data-scheme': s.id });
    const checkbox = el('input', { type: 'checkbox', id, name: 'benefit', value: s.id, 'aria-describedby': hintId });
    box.append(
      el(
        'div',
        { class: 'choice' },
        checkbox,
        el('label', { for: id }, s.name, el('span', { class: 'hint', id: hintId, text: s.means })),
      ),
    );
    const more = el('div', { class: 'benefit-extra', hidden: true });
    for (const x of benefitFields[s.id] ?? []) {
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
    checkbox.addEventListener('change', () => {
      more.hidden = !checkbox.checked;
      // "No benefits" and a benefit exclude each other: choosing one clears the other.
      if (!checkbox.checked) return;
      for (const other of list.querySelectorAll<HTMLInputElement>('input[name=benefit]:checked')) {
        if (other === checkbox) continue;
        if (s.id === NO_BENEFITS || other.value === NO_BENEFITS) {
          other.checked = false;
          const extra = other.closest('.benefit')?.querySelector<HTMLElement>('.benefit-extra');
          if (extra) extra.hidden = true;
        }
      }
    });
    list.append(box);
  }
}

/**
 * The declared benefits as ticked, each box given the data-path of its place in the list so an
 * error about benefits.1.weeklyLimitMinor shows beside that field.
 */
export function benefitsFrom(list: ParentNode): BenefitEntry[] {
  const out: BenefitEntry[] = [];
  for (const box of list.querySelectorAll<HTMLElement>('.benefit')) {
    box.removeAttribute('data-path');
    for (const x of box.querySelectorAll('[data-path-suffix]')) x.removeAttribute('data-path');
    if (!box.querySelector<HTMLInputElement>('input[name=benefit]')?.checked) continue;
    const i = out.length;
    box.setAttribute('data-path', `benefits.${i}`);
    const entry: Record<string, unknown> = { scheme: box.dataset.scheme };
    for (const x of box.querySelectorAll<HTMLElement>('[data-path-suffix]')) {
      const input = x.querySelector('input');
      if (!input) continue;
      x.setAttribute('data-path', `benefits.${i}.${x.dataset.pathSuffix}`);
      if (input.type === 'checkbox') entry[input.name] = input.checked;
      else if (input.value !== '') {
        entry[input.name] = input.name.endsWith('Minor') ? Math.round(Number(input.value) * 100) : Number(input.value);
      }
    }
    out.push(entry as BenefitEntry);
  }
  return out;
}

export type RecruitFields = {
  displayName: string;
  email: string;
  phone: string;
  stakeholderGroup: string;
  areaId: string;
  jurisdiction: string;
  consentGiven: boolean;
  capacityConfirmed: boolean;
  recordedAt: string;
  scopes: string[];
  preference: string;
};

/** The body of POST /api/participants. Staff (provider) send no payment preference and no benefits. */
export function buildRecruitBody(f: RecruitFields, benefitList: ParentNode): RecruitBody {
  const contact: { email?: string; phone?: string } = {};
  if (f.email.trim()) contact.email = f.email.trim();
  if (f.phone.trim()) contact.phone = f.phone.trim();
  const b = {
    displayName: f.displayName,
    ...(Object.keys(contact).length ? { contact } : {}),
    stakeholderGroup: f.stakeholderGroup || undefined,
    areaId: f.areaId,
    jurisdiction: f.jurisdiction,
    consent: {
      given: f.consentGiven,
      capacityConfirmed: f.capacityConfirmed,
      recordedAt: f.recordedAt,
      scopes: f.scopes,
    },
  } as RecruitBody;
  if (f.stakeholderGroup !== 'provider') {
    b.payment = { preference: f.preference as NonNullable<RecruitBody['payment']>['preference'] };
    b.benefits = benefitsFrom(benefitList);
  }
  return b;
}

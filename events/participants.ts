import * as z from 'zod/mini';
import { Id, IsoDateTime, Jurisdiction } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.participants' as const;

export { ConsentScope } from '../shared/kernel/index.js';

import { ConsentScope } from '../shared/kernel/index.js';

export const ParticipantRecruited = defineEvent({
  source,
  detailType: 'ParticipantRecruited',
  description:
    'A participant was recruited with recorded, capacity-confirmed consent. It carries no constituency: whether someone uses mental health services or cares for someone stays in the table.',
  data: z.strictObject({
    participantId: Id,
    areaId: z.string().check(z.minLength(1)),
    jurisdiction: Jurisdiction,
    consentScopes: z.array(ConsentScope),
  }),
});

export const ParticipantConsentWithdrawn = defineEvent({
  source,
  detailType: 'ParticipantConsentWithdrawn',
  description: 'A participant withdrew consent: no further invitations or payments for future sessions.',
  data: z.strictObject({
    participantId: Id,
    withdrawnAt: IsoDateTime,
  }),
});

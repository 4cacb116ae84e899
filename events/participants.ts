import { z } from 'zod';
import { Constituency, Id, IsoDateTime, Jurisdiction } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.participants' as const;

export const ConsentScope = z.enum(['forums', 'payments', 'decisions', 'contact']);

export const ParticipantRecruited = defineEvent({
  source,
  detailType: 'ParticipantRecruited',
  description: 'A participant was recruited with recorded, capacity-confirmed consent.',
  data: z.strictObject({
    participantId: Id,
    areaId: z.string().min(1),
    jurisdiction: Jurisdiction,
    constituency: Constituency,
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

import { participantKeys } from '../../shared/participants/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import { surveyKeys, surveyRoutes } from '../../shared/surveys/index.js';
import type { FunctionSpec } from './types.js';

export const surveyFunctions: FunctionSpec[] = [
  {
    name: 'surveys-api',
    description:
      'The yearly experience survey: open one for an area, answer it once (anonymously if chosen), enter paper responses, read the aggregate results and their CSV.',
    routes: surveyRoutes,
    access: {
      main: 'readwrite',
      surveyKey: true,
      keys: {
        write: [surveyKeys.survey, platformKeys.idempotency],
        // Who is answering (area and constituency), and an area's surveys on gsi2 (AREA#<areaId>).
        read: [participantKeys.participant, participantKeys.area],
      },
    },
  },
];

import { surveyRoutes } from '../../shared/surveys/index.js';
import type { FunctionSpec } from './types.js';

export const surveyFunctions: FunctionSpec[] = [
  {
    name: 'surveys-api',
    description:
      'The yearly experience survey: open one for an area, answer it once (anonymously if chosen), enter paper responses, read the aggregate results and their CSV.',
    routes: surveyRoutes,
    access: { main: 'readwrite', surveyKey: true },
  },
];

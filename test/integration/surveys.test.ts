import { createHash, createHmac } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SURVEY_RESPONSE_KEY_SECRET, surveysOfAreaYear } from '../../shared/surveys/index.js';
import { participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-03-10T10:00:00Z');
let stack: TestStack;
let coordinator: string;
let governance: string;

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
});
afterAll(() => stack.stop());
beforeEach(() => clock.set('2026-03-10T10:00:00Z'));

let areaSeq = 0;
const newArea = () => `area-${++areaSeq}-${Date.now().toString(36)}`;

async function recruit(areaId: string, stakeholderGroup: string, name = 'Aoife'): Promise<string> {
  const lived = stakeholderGroup !== 'provider';
  const res = await stack.call('POST', '/api/participants', {
    token: coordinator,
    body: participantBody({
      areaId,
      stakeholderGroup,
      displayName: name,
      ...(lived ? {} : { benefits: undefined, payment: undefined }),
    }),
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.participantId;
}

async function openSurvey(areaId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.api.createSurvey({
    token: coordinator,
    body: {
      areaId,
      year: 2026,
      title: 'Taking part in 2026',
      opensAt: '2026-03-01T09:00:00+00:00',
      closesAt: '2026-03-31T17:00:00+01:00',
      instruments: ['experience'],
      ...overrides,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.surveyId;
}

const answers = (v: number, comment?: string) => ({
  'exp-listened': v,
  'exp-influence': v,
  'exp-fair': v,
  'exp-accessible': v,
  'exp-recommend': v,
  ...(comment === undefined ? {} : { 'exp-comments': comment }),
});

async function answer(surveyId: string, participantId: string, body: Record<string, unknown>) {
  const token = await stack.tokenFor(['member'], participantId);
  return stack.call('POST', `/api/surveys/${surveyId}/responses`, { token, body });
}

/** Every item of this test's own table (a test may Scan; no request path does). */
async function allItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await stack.deps.db.doc.send(
      new ScanCommand({ TableName: stack.deps.db.table, ExclusiveStartKey: start }),
    );
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function responseItems(surveyId: string): Promise<Record<string, unknown>[]> {
  const out = await stack.deps.db.doc.send(
    new QueryCommand({
      TableName: stack.deps.db.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
      ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':r': 'RESPONSE#' },
    }),
  );
  return (out.Items ?? []) as Record<string, unknown>[];
}

describe('a survey answered by 4 carers and 6 service users', () => {
  it('shows figures for service users and `suppressed` for carers (and for the totals that would give them away)', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const carers = await Promise.all([1, 2, 3, 4].map((i) => recruit(areaId, 'carer', `Carer ${i}`)));
    const users = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => recruit(areaId, 'service-user', `User ${i}`)));

    for (const [i, id] of carers.entries()) {
      const res = await answer(surveyId, id, {
        answers: answers(2, 'Only carer comment'),
        anonymous: i % 2 === 0,
        shareComments: true,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const userValues = [5, 4, 4, 3, 5, 2];
    for (const [i, id] of users.entries()) {
      const res = await answer(surveyId, id, {
        answers: answers(userValues[i] ?? 3, i === 0 ? 'The venue was hard to reach by bus.' : undefined),
        anonymous: i % 2 === 1,
        shareComments: i === 0,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json).toEqual({ surveyId, received: true });
    }

    // While the survey is open: only how many answered, and no download.
    const open = await stack.api.getSurveyResults({ token: governance, params: { id: surveyId } });
    expect(open.status).toBe(200);
    expect(open.json).toMatchObject({ status: 'open', questions: [], totals: [] });
    expect(open.json.responses.byStakeholderGroup['service-user']).toEqual({ suppressed: false, count: 6 });
    expect(open.json.responses.byStakeholderGroup.carer).toEqual({ suppressed: true });
    const early = await stack.call('GET', `/api/surveys/${surveyId}/results.csv`, { token: coordinator });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe(
      'The results can be read once the survey has closed, on 31 March 2026 at 17:00. Until then, only how many people have answered is shown.',
    );

    clock.set('2026-03-31T16:00:00Z'); // closesAt 17:00 Irish/British summer time
    const res = await stack.api.getSurveyResults({ token: governance, params: { id: surveyId } });

    expect(res.status).toBe(200);
    expect(res.json.status).toBe('closed');
    const listened = res.json.questions.find((q) => q.questionId === 'exp-listened');
    if (listened?.kind !== 'scale') throw new Error('exp-listened is a scale question');
    expect(listened.figures.byStakeholderGroup['service-user']).toEqual({
      suppressed: false,
      count: 6,
      mean: 3.83,
      distribution: [
        { value: 1, label: 'Strongly disagree', count: 0 },
        { value: 2, label: 'Disagree', count: 1 },
        { value: 3, label: 'Neither agree nor disagree', count: 1 },
        { value: 4, label: 'Agree', count: 2 },
        { value: 5, label: 'Strongly agree', count: 2 },
      ],
    });
    expect(listened.figures.byStakeholderGroup.carer).toEqual({ suppressed: true });
    // overall − service users would be the carers: hidden too.
    expect(listened.figures.overall).toEqual({ suppressed: true });
    expect(listened.figures.byConstituency['lived-experience']).toEqual({ suppressed: true });
    expect(res.json.responses.byStakeholderGroup['service-user']).toEqual({ suppressed: false, count: 6 });
    expect(res.json.responses.byStakeholderGroup.carer).toEqual({ suppressed: true });
    // Comments: only where shared, never from the suppressed carers.
    const comments = res.json.questions.find((q) => q.questionId === 'exp-comments');
    expect(comments?.kind === 'text' && comments.comments).toEqual(['The venue was hard to reach by bus.']);

    const csv = await stack.api.exportSurveyResults({ token: coordinator, params: { id: surveyId } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(
      'question,exp-listened,People listened to what I had to say.,stakeholder-group,service-user,no,6,3.83,5,Strongly agree,2',
    );
    expect(csv.text).toContain(
      'question,exp-listened,People listened to what I had to say.,stakeholder-group,carer,yes,,,,,',
    );
    expect(csv.text).not.toContain('venue');
    expect(csv.text).not.toContain('Only carer');

    expect(await surveysOfAreaYear(stack.deps, { areaId, year: 2026 })).toEqual([{ surveyId, responses: 10 }]);
    expect(await surveysOfAreaYear(stack.deps, { areaId, year: 2025 })).toEqual([]);
  });
});

describe('once per person', () => {
  it('answers 409 to a second response, anonymous or not, and to a paper one for the same person', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const [named, anon] = [await recruit(areaId, 'service-user'), await recruit(areaId, 'family-member')];
    expect((await answer(surveyId, named, { answers: answers(4), anonymous: false })).status).toBe(201);
    expect((await answer(surveyId, anon, { answers: answers(4), anonymous: true })).status).toBe(201);

    const again = await answer(surveyId, named, { answers: answers(1), anonymous: true });
    const againAnon = await answer(surveyId, anon, { answers: answers(1), anonymous: false });
    const paper = await stack.api.enterPaperResponse({
      token: coordinator,
      params: { id: surveyId },
      body: { participantId: anon, answers: answers(2), anonymous: true },
    });

    expect(again.status).toBe(409);
    expect(again.json.message).toBe('You have already answered this survey. Thank you.');
    expect(againAnon.status).toBe(409);
    expect(paper.status).toBe(409);
    expect(paper.json.message).toBe('This person has already answered this survey.');
    expect(await responseItems(surveyId)).toHaveLength(2);
    const mine = await stack.api.listMySurveys({ token: await stack.tokenFor(['member'], anon) });
    expect(mine.json.items).toEqual([expect.objectContaining({ surveyId, status: 'open', answered: true })]);
  });

  it('takes a coordinator’s paper response on someone’s behalf, and then refuses their own', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const person = await recruit(areaId, 'carer');
    const member = await stack.tokenFor(['member'], person);
    expect((await stack.api.listMySurveys({ token: member })).json.items).toEqual([
      expect.objectContaining({ surveyId, answered: false }),
    ]);

    const paper = await stack.api.enterPaperResponse({
      token: coordinator,
      params: { id: surveyId },
      body: { participantId: person, answers: answers(3), anonymous: true, shareComments: false },
    });
    const own = await answer(surveyId, person, { answers: answers(5), anonymous: false });

    expect(paper.status).toBe(201);
    expect(own.status).toBe(409);
    const [item] = await responseItems(surveyId);
    expect(item).toMatchObject({ enteredBy: 'coordinator', anonymous: true, stakeholderGroup: 'carer' });
    expect(item).not.toHaveProperty('participantId');
  });

  it('refuses a response before the survey opens and after it closes (409), saying when', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const person = await recruit(areaId, 'service-user');

    clock.set('2026-03-01T08:59:59Z');
    const early = await answer(surveyId, person, { answers: answers(3), anonymous: true });
    clock.set('2026-03-31T16:00:00Z');
    const late = await answer(surveyId, person, { answers: answers(3), anonymous: true });

    expect(early.status).toBe(409);
    expect(early.json.message).toBe('This survey is not open yet. It opens on 1 March 2026 at 09:00.');
    expect(late.status).toBe(409);
    expect(late.json.message).toContain('This survey closed on 31 March 2026 at 17:00.');
    expect(await responseItems(surveyId)).toEqual([]);
  });
});

describe('an anonymous response', () => {
  it('cannot be traced to the member through the API or the stored items', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const me = await recruit(areaId, 'service-user', 'Siobhán');
    const others = await Promise.all([1, 2, 3, 4, 5].map((i) => recruit(areaId, 'service-user', `Other ${i}`)));
    for (const id of others)
      expect((await answer(surveyId, id, { answers: answers(3), anonymous: true })).status).toBe(201);
    await stack.settle();
    const before = (await allItems()).filter((i) => JSON.stringify(i).includes(me));

    const res = await answer(surveyId, me, {
      answers: answers(5, 'I felt heard at the March forum.'),
      anonymous: true,
      shareComments: true,
    });

    expect(res.status).toBe(201);
    expect(res.text).not.toContain(me);
    // Stored: the write added no item holding the member's id, and changed none that did.
    const after = (await allItems()).filter((i) => JSON.stringify(i).includes(me));
    expect(after).toEqual(before);
    expect(after.filter((i) => String(i.pk).startsWith('SURVEY#'))).toEqual([]);
    // The response item: no id, no time of day, only a keyed hash that needs the secret.
    const items = await responseItems(surveyId);
    const mine = items.find((i) => (i.answers as Record<string, unknown>)['exp-comments'] !== undefined);
    if (!mine) throw new Error('the response is stored');
    expect(Object.keys(mine).sort()).toEqual(
      [
        'answers',
        'anonymous',
        'constituency',
        'enteredBy',
        'entity',
        'pk',
        'receivedOn',
        'responseKey',
        'shareComments',
        'sk',
        'stakeholderGroup',
        'surveyId',
      ].sort(),
    );
    expect(mine.receivedOn).toBe('2026-03-10');
    expect(JSON.stringify(mine)).not.toMatch(/\d{2}:\d{2}/);
    const plainHashes = [me, `${surveyId}${me}`, `${surveyId}#${me}`, JSON.stringify([surveyId, me])].map((s) =>
      createHash('sha256').update(s).digest('hex'),
    );
    expect(plainHashes).not.toContain(mine.responseKey);
    // Only the secret links it back: with it, the key is recomputed (that is what blocks a second response).
    const keyed = (secret: string) =>
      createHmac('sha256', secret)
        .update(`coproduce.survey-response.v1\n${JSON.stringify([surveyId, me])}`)
        .digest('hex');
    expect(keyed(LOCAL_SURVEY_RESPONSE_KEY_SECRET)).toBe(mine.responseKey);
    expect(keyed(`${LOCAL_SURVEY_RESPONSE_KEY_SECRET}-other`)).not.toBe(mine.responseKey);
    // Responses are read in hash order, not in the order they came.
    const keys = items.map((i) => String(i.sk));
    expect(keys).toEqual([...keys].sort());

    // Through the API (once closed): results and questions hold no id, key or date.
    clock.set('2026-04-01T09:00:00Z');
    const results = await stack.api.getSurveyResults({ token: coordinator, params: { id: surveyId } });
    const survey = await stack.api.getSurvey({ token: coordinator, params: { id: surveyId } });
    const csv = await stack.api.exportSurveyResults({ token: coordinator, params: { id: surveyId } });
    for (const text of [results.text, survey.text, csv.text]) {
      expect(text).not.toContain(me);
      expect(text).not.toContain(String(mine.responseKey));
      expect(text).not.toContain('2026-03-10');
    }
    expect(results.json.responses.byStakeholderGroup['service-user']).toEqual({ suppressed: false, count: 6 });
  });
});

describe('who may do what', () => {
  it('lets members of the area read the questions, and nobody else answer or read results', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const inArea = await stack.tokenFor(['member'], await recruit(areaId, 'service-user'));
    const elsewhere = await recruit(newArea(), 'service-user');

    const questions = await stack.api.getSurvey({ token: inArea, params: { id: surveyId } });
    expect(questions.status).toBe(200);
    expect(questions.json.instruments.map((i) => i.id)).toEqual(['experience']);
    expect(questions.json.instruments[0]?.questions).toHaveLength(6);

    const outsider = await stack.tokenFor(['member'], elsewhere);
    expect((await stack.api.getSurvey({ token: outsider, params: { id: surveyId } })).status).toBe(403);
    expect((await answer(surveyId, elsewhere, { answers: answers(3), anonymous: true })).status).toBe(403);
    expect((await stack.api.getSurveyResults({ token: inArea, params: { id: surveyId } })).status).toBe(403);
    expect((await stack.api.listMySurveys({ token: outsider })).json.items).toEqual([]);
    const forSomeoneElse = await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
      token: inArea,
      body: { answers: answers(3), anonymous: true, participantId: elsewhere },
    });
    expect(forSomeoneElse.status).toBe(403);
    expect(
      (
        await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
          token: governance,
          body: { answers: answers(3), anonymous: true },
        })
      ).status,
    ).toBe(403);
    const listed = await stack.api.listAreaSurveys({ token: governance, query: { areaId } });
    expect(listed.json.items).toEqual([expect.objectContaining({ surveyId, status: 'open', year: 2026 })]);
    expect(await responseItems(surveyId)).toEqual([]);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field and writes nothing', async () => {
    const areaId = newArea();
    const surveyId = await openSurvey(areaId);
    const person = await recruit(areaId, 'carer');
    const surveyItems = async () => (await allItems()).filter((i) => String(i.pk).startsWith('SURVEY#'));
    const itemsBefore = await surveyItems();

    const cases: [Record<string, unknown>, string][] = [
      [{ answers: { ...answers(3), 'exp-listened': 9 }, anonymous: true }, 'answers.exp-listened'],
      [{ answers: { ...answers(3), 'not-a-question': 1 }, anonymous: true }, 'answers.not-a-question'],
      [{ answers: { 'exp-listened': 3 }, anonymous: true }, 'answers.exp-influence'],
      [{ answers: answers(3) }, 'anonymous'],
      [{ answers: answers(3), anonymous: 'yes' }, 'anonymous'],
      [{ answers: { ...answers(3), 'qpr15-01': 2 }, anonymous: true }, 'answers.qpr15-01'],
      [{ answers: answers(3, 'a\u202Eb'), anonymous: true }, 'answers.exp-comments'],
      [{ answers: answers(3), anonymous: true, extra: 1 }, '(body)'],
    ];
    for (const [body, path] of cases) {
      const res = await answer(surveyId, person, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.json.issues.map((i: { path: string }) => i.path),
        JSON.stringify(res.json),
      ).toContain(path);
    }
    const paperWithoutWho = await stack.call('POST', `/api/surveys/${surveyId}/paper-responses`, {
      token: coordinator,
      body: { answers: answers(3), anonymous: true },
    });
    expect(paperWithoutWho.status).toBe(400);
    expect(paperWithoutWho.json.issues[0].path).toBe('participantId');
    const paperOtherArea = await stack.api.enterPaperResponse({
      token: coordinator,
      params: { id: surveyId },
      body: { participantId: await recruit(newArea(), 'carer'), answers: answers(3), anonymous: true },
    });
    expect(paperOtherArea.status).toBe(400);
    expect(paperOtherArea.json.issues?.[0]?.path).toBe('participantId');

    const badSurveys: [Record<string, unknown>, string][] = [
      [{ closesAt: '2026-02-01T09:00:00+00:00' }, 'closesAt'],
      [{ instruments: ['experience', 'qpr-15'] }, 'instruments.1'],
      [{ instruments: [] }, 'instruments'],
      [{ year: 1999 }, 'year'],
      [{ title: ' ' }, 'title'],
      [{ opensAt: 'next week' }, 'opensAt'],
    ];
    for (const [overrides, path] of badSurveys) {
      const res = await stack.call('POST', '/api/surveys', {
        token: coordinator,
        body: {
          areaId,
          year: 2026,
          title: 'T',
          opensAt: '2026-03-01T09:00:00+00:00',
          closesAt: '2026-03-31T09:00:00+00:00',
          instruments: ['experience'],
          ...overrides,
        },
      });
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.json.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    // No survey and no response was written (only the other area's carer was recruited).
    expect(await surveyItems()).toEqual(itemsBefore);
    expect(await responseItems(surveyId)).toEqual([]);
    expect((await stack.api.listAreaSurveys({ token: coordinator, query: { areaId } })).json.items).toHaveLength(1);
    expect((await stack.call('GET', '/api/surveys/nope', { token: coordinator })).status).toBe(404);
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { MalformedItemError, parseItem } from '../../shared/runtime/store/item.js';
import { countResponses, putNewResponse, ResponseItem } from '../../shared/surveys/adapters/surveys-repo.js';
import { storedResponse } from '../../shared/surveys/domain/survey.js';

const secret = 'test-secret-test-secret-test-secret!';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const db = { doc, table: 'T' };

const anonymous = storedResponse({
  surveyId: 'S1',
  respondent: { participantId: 'P-1', stakeholderGroup: 'carer' },
  answers: { 'exp-listened': 4 },
  anonymous: true,
  enteredBy: 'self',
  secret,
  now: '2026-03-10T14:03:07.123Z',
});
const itemOf = (r: typeof anonymous) => (putNewResponse(db, r).Put?.Item ?? {}) as Record<string, unknown>;

describe('the stored survey response item', () => {
  it('is keyed by the response key and holds no id, no time of day, nothing else', () => {
    const item = itemOf(anonymous);

    expect(item.pk).toBe('SURVEY#S1');
    expect(item.sk).toBe(`RESPONSE#${anonymous.responseKey}`);
    expect(JSON.stringify(item)).not.toContain('P-1');
    expect(JSON.stringify(item)).not.toContain('14:03');
    expect(putNewResponse(db, anonymous).Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(parseItem(ResponseItem, item)).toMatchObject({ anonymous: true, receivedOn: '2026-03-10' });
  });

  it('refuses on read an anonymous response that carries a participant id, or an attribute it does not know', () => {
    expect(() => parseItem(ResponseItem, { ...itemOf(anonymous), participantId: 'P-1' })).toThrow(MalformedItemError);
    expect(() => parseItem(ResponseItem, { ...itemOf(anonymous), createdAt: '2026-03-10T14:03:07Z' })).toThrow(
      MalformedItemError,
    );
    const named = storedResponse({
      surveyId: 'S1',
      respondent: { participantId: 'P-1', stakeholderGroup: 'carer' },
      answers: { 'exp-listened': 4 },
      anonymous: false,
      enteredBy: 'self',
      secret,
      now: '2026-03-10T14:03:07Z',
    });
    expect(parseItem(ResponseItem, itemOf(named)).participantId).toBe('P-1');
    const { participantId: _gone, ...withoutId } = itemOf(named);
    expect(() => parseItem(ResponseItem, withoutId)).toThrow(MalformedItemError);
  });
});

describe('countResponses', () => {
  it('counts every page of a COUNT query, reading no item', async () => {
    const mock = mockClient(doc);
    mock
      .on(QueryCommand)
      .resolvesOnce({ Count: 100, LastEvaluatedKey: { pk: 'SURVEY#S1', sk: 'RESPONSE#ab' } })
      .resolvesOnce({ Count: 7 });

    const n = await countResponses(db, 'S1');

    expect(n).toBe(107);
    const calls = mock.commandCalls(QueryCommand);
    expect(calls.map((c) => c.args[0].input.Select)).toEqual(['COUNT', 'COUNT']);
    expect(calls[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'SURVEY#S1', sk: 'RESPONSE#ab' });
    mock.restore();
  });
});

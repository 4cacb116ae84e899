import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { secretFromSecretsManager } from '../../shared/runtime/secrets.js';

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());
const arn = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:survey-key';

describe('a secret read from Secrets Manager', () => {
  it('is read when first needed, then kept (one GetSecretValue per container)', async () => {
    sm.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: 'the-value' });
    const read = secretFromSecretsManager(arn, new SecretsManagerClient({ region: 'eu-west-1' }));
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(await Promise.all([read(), read()])).toEqual(['the-value', 'the-value']);
    expect(await read()).toBe('the-value');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('is read again after a failed read, and a secret with no text is an error', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: 'the-value' });
    const read = secretFromSecretsManager(arn, new SecretsManagerClient({ region: 'eu-west-1' }));
    await expect(read()).rejects.toThrow('throttled');
    expect(await read()).toBe('the-value');
    sm.reset();
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(secretFromSecretsManager(arn, new SecretsManagerClient({ region: 'eu-west-1' }))()).rejects.toThrow(
      `The secret ${arn} holds no text.`,
    );
  });
});

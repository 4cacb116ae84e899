import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A secret read from Secrets Manager when first needed and kept for the life of the container.
 * Reading it at run time, rather than having CloudFormation resolve it into an environment
 * variable at deploy time, keeps its value out of the function's configuration: anyone allowed
 * `lambda:GetFunctionConfiguration` could read it there. A failed read is tried again on the next
 * call.
 */
export function secretFromSecretsManager(
  secretArn: string,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient({}),
): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= client.send(new GetSecretValueCommand({ SecretId: secretArn })).then(
      (out) => {
        if (typeof out.SecretString !== 'string') throw new Error(`The secret ${secretArn} holds no text.`);
        return out.SecretString;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}

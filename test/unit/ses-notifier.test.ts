import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesNotifier, sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

const ses = mockClient(SESv2Client);
const message = {
  to: 'aoife@example.org',
  subject: 'Forum on Monday',
  text: 'The forum meets on Monday at 18:00.',
  participantId: '01J00000000000000000000000',
};

describe('sesNotifier', () => {
  beforeEach(() => ses.reset());

  it('sends a plain-text UTF-8 email from the configured address', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });

    await sesNotifier(new SESv2Client({}), 'noreply@example.org').send(message);

    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'noreply@example.org',
      Destination: { ToAddresses: ['aoife@example.org'] },
      Content: {
        Simple: {
          Subject: { Data: 'Forum on Monday', Charset: 'UTF-8' },
          Body: { Text: { Data: 'The forum meets on Monday at 18:00.', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('lets throttling propagate so the event is retried', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));

    await expect(sesNotifier(new SESv2Client({}), 'noreply@example.org').send(message)).rejects.toBeInstanceOf(
      TooManyRequestsException,
    );
  });

  it('lets a rejected message propagate rather than pretending it was sent', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'rejected', $metadata: {} }));

    await expect(sesNotifier(new SESv2Client({}), 'noreply@example.org').send(message)).rejects.toBeInstanceOf(
      MessageRejected,
    );
  });
});

describe('sesNotifierFromEnv', () => {
  it('fails fast without a sender address', () => {
    expect(() => sesNotifierFromEnv({})).toThrow(/NOTIFIER_FROM_ADDRESS/);
  });
});

import type { Notifier, OutgoingMessage } from '../runtime/deps.js';

/** The local notifier: nothing leaves the machine; sent messages are listed on the mailbox page. */
export class LocalMailbox implements Notifier {
  readonly sent: (OutgoingMessage & { sentAt: string })[] = [];
  constructor(private readonly log: (line: string) => void = () => {}) {}
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push({ ...message, sentAt: new Date().toISOString() });
    this.log(`mailbox: "${message.subject}" to participant ${message.participantId}`);
  }
}

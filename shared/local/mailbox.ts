import { type Clock, systemClock } from '../kernel/clock.js';
import type { Notifier, OutgoingMessage } from '../runtime/deps.js';

/** The local notifier: nothing leaves the machine; sent messages are listed on the mailbox page. */
export class LocalMailbox implements Notifier {
  readonly sent: (OutgoingMessage & { sentAt: string })[] = [];
  constructor(
    private readonly log: (line: string) => void = () => {},
    private readonly clock: Clock = systemClock,
  ) {}
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push({ ...message, sentAt: this.clock.now().toISOString() });
    this.log(`mailbox: "${message.subject}" to participant ${message.participantId}`);
  }
}

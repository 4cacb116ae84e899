/** Injectable time: tests and the local scheduler drive it; production uses the wall clock. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** ISO-8601 with an explicit offset, as the contract requires. */
export const isoNow = (clock: Clock) => clock.now().toISOString().replace('Z', '+00:00');

/**
 * When deliveries are retried and how long an attempt may take (docs/integrations.md, Delivery).
 * The schedule is Svix's: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h after the previous one — eight attempts over about a day and a day and a half. Tests and
 * the benchmark shorten it with setDeliveryTiming(); a target kind may bring its own schedule.
 */
export type DeliveryTiming = {
  /** Delay before attempt n+1 after attempt n failed, for n = 1..; its length + 1 is the attempt budget. */
  retryDelaysMs: readonly number[];
  /** One attempt's deadline: connect, send, and read the answer. */
  timeoutMs: number;
  /** An endpoint whose deliveries all failed for good for this long is disabled. */
  disableAfterMs: number;
  /** A claim older than this belongs to a run that died: another run may take the delivery. */
  leaseMs: number;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_DELIVERY_TIMING: DeliveryTiming = {
  retryDelaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  timeoutMs: 15 * SECOND,
  disableAfterMs: 5 * 24 * HOUR,
  leaseMs: 2 * MINUTE,
};

const holder = globalThis as unknown as { __postdeskDeliveryTiming?: DeliveryTiming };

export function deliveryTiming(): DeliveryTiming {
  return holder.__postdeskDeliveryTiming ?? DEFAULT_DELIVERY_TIMING;
}

/** For tests and the benchmark: short delays instead of hours. Pass nothing to restore the defaults. */
export function setDeliveryTiming(timing?: Partial<DeliveryTiming>): void {
  holder.__postdeskDeliveryTiming = timing ? { ...DEFAULT_DELIVERY_TIMING, ...timing } : undefined;
}

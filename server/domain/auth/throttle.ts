/**
 * Sign-in throttling per username (whether or not the user exists, so the response never tells).
 * Pure: the caller loads and stores the state.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failed attempt. */
export function afterFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const windowOpen =
    state && now.getTime() - state.windowStartedAt.getTime() < policy.windowSeconds * 1000 && !isExpiredLock(state, now);
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockSeconds * 1000) : null;
  return { failures, windowStartedAt, lockedUntil };
}

function isExpiredLock(state: ThrottleState, now: Date): boolean {
  return !!state.lockedUntil && state.lockedUntil.getTime() <= now.getTime();
}

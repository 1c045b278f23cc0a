import { hubRefusal } from './api';
import { OfflineError } from './commands';

/**
 * A join the server has not answered: the view must not wait for it forever. SignalR's invoke has no time limit, and a
 * connection that stays up while the server never answers one call would leave a board on "Henter …", or a case read
 * over REST looking live while nothing reaches it. A join that gets no answer within its time fails with
 * {@link noAnswerCode}; the view says so and joins again shortly (a join is safe to repeat).
 */
export const noAnswerCode = 'hub.no-answer';

export class NoAnswerError extends Error {
  constructor(method: string, ms: number) {
    super(`${noAnswerCode}: ${method} got no answer within ${ms} ms`);
    this.name = 'NoAnswerError';
  }
}

/** `call`, or a {@link NoAnswerError} once `ms` pass without its answer. */
export function answerWithin<T>(call: Promise<T>, ms: number, method: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NoAnswerError(method, ms)), ms);
    call.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Failures of a join that are not an answer about the view: no answer at all, the connection down, the cluster could
 * not be reached (`cluster.unavailable`: a server failing over), or it failed unexpectedly (`server.error`). Nothing
 * was decided, so the join is made again. A refusal (not a member, not staff, no such unit) is an answer and stands.
 */
const passingCodes = new Set([noAnswerCode, 'cluster.unavailable', 'server.error']);

export function isPassingFailure(error: unknown): boolean {
  return error instanceof NoAnswerError || error instanceof OfflineError || passingCodes.has(hubRefusal(error).code);
}

/**
 * Joins a view again a moment after a join that failed for a passing reason ({@link isPassingFailure}): a view must not
 * stay on "Henter …" or on an error because the server was slow or failing over once. Refusals are left alone.
 */
export class RejoinAfterPassingFailure {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly rejoin: () => void, private readonly ms = 2000) {}

  /** A join failed with `error`: when the failure was a passing one, join again in a moment (and say so: true). */
  failed(error: unknown): boolean {
    if (!isPassingFailure(error)) return false;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.rejoin, this.ms);
    return true;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

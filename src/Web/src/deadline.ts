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

/** Joins a view again a moment after a join that got no answer (other failures, refusals among them, are left alone). */
export class RejoinAfterNoAnswer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly rejoin: () => void, private readonly ms = 2000) {}

  /** A join failed with `error`: when it got no answer, join again in a moment (and say so: true). */
  failed(error: unknown): boolean {
    if (!(error instanceof NoAnswerError)) return false;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.rejoin, this.ms);
    return true;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

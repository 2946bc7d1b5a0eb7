// The controller's client-side rate limit on API calls, in virtual time. client-go wraps
// every request in flowcontrol's token bucket (k8s.io/client-go/util/flowcontrol/throttle.go
// NewTokenBucketRateLimiter), which is golang.org/x/time/rate's Limiter used through Wait: the
// bucket starts full with `burst` tokens, refills at `qps` tokens a second up to `burst`, and
// a call that finds no token reserves the next one and waits until it is due, so calls leave
// in the order they asked, spaced 1/qps apart once the burst is spent.
//
// Tekton's controller sets the limits from --kube-api-qps / --kube-api-burst and then doubles
// both, because several controllers share the client (cmd/controller/main.go: unset flags
// default to 2 * rest.DefaultQPS = 10 and rest.DefaultBurst = 10; then QPS and Burst are
// multiplied by 2). So by default the bucket is 20 calls a second with a burst of 20.

export const REST_DEFAULT_QPS = 5;
export const REST_DEFAULT_BURST = 10;

/** The bucket Tekton's controller ends up with for the flags as a user writes them. */
export function controllerRateLimit(
  kubeApiQPS: number | undefined,
  kubeApiBurst: number | undefined,
): { qps: number; burst: number } {
  const qps = kubeApiQPS === undefined || kubeApiQPS === 0 ? 2 * REST_DEFAULT_QPS : kubeApiQPS;
  const burst =
    kubeApiBurst === undefined || kubeApiBurst === 0 ? REST_DEFAULT_BURST : kubeApiBurst;
  return { qps: 2 * qps, burst: 2 * burst };
}

export class TokenBucket {
  private tokens: number;
  private lastMs = 0;

  /** `qps` Infinity is no limit at all. */
  constructor(
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /**
   * Takes one token for a call made at `nowMs` (never earlier than a previous call's time)
   * and returns when the call goes out: `nowMs` when a token was there, later otherwise.
   */
  reserve(nowMs: number): number {
    if (this.qps === Number.POSITIVE_INFINITY) return nowMs;
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.qps) / 1000);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens -= 1;
    if (this.tokens >= 0) return nowMs;
    return nowMs + Math.ceil((-this.tokens * 1000) / this.qps);
  }
}

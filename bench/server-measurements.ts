/** What bench/server.measure.ts hands to scripts/bench.ts (as JSON in $BENCH_OUT). */
export interface ConnectRequests {
  /** `METHOD /path` of each request the extension made, in order. */
  extension: string[];
  /** The authorize page the sign-in window loads and submits (the browser's, not ours). */
  signInWindow: string[];
}

export interface ServerMeasurements {
  freshConnect: ConnectRequests;
  /** A second account on the same instance, within the hour: registration, instance and discovery cached. */
  cachedConnect: ConnectRequests;
  /** The same, after the server deleted the cached app: the sign-in heals itself. */
  healedConnect: ConnectRequests & { windows: number };
  concurrentConnects: { connects: number; appRegistrations: number };
  uploads: { images: number; serverDelayMs: number; runs: Array<{ parallelMs: number; serialMs: number }> };
}

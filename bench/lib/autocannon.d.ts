// The parts of autocannon's API the load worker uses (the package ships no types, and the
// project adds no dependency for the benchmark alone).
declare module 'autocannon' {
  namespace autocannon {
    interface Result {
      errors: number;
      timeouts: number;
      non2xx: number;
      duration: number;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      overallRate?: number;
      headers?: Record<string, string>;
      requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
    }
    interface Instance {
      on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): Instance;
      stop(): void;
    }
  }
  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}

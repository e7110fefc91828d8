// Faults the tests switch on per route and per port. On the API port a fault applies to requests that passed
// digest authentication (the challenge round trip is never eaten by a fault, so `times` counts real calls);
// on the backup host it applies before the archive checks.

export type FaultBody =
  /** 200 with a body that is not JSON at all. */
  | 'malformed'
  /** The real JSON cut in half, with a Content-Length that matches the cut body. */
  | 'truncated'
  /** A valid JSON body of `oversizedBytes` (default 32 MiB), streamed. */
  | 'oversized'
  /** An HTML error page, as a proxy in front of Ops Manager would send. */
  | 'html';

export interface FaultSpec {
  /** String: the request target (path + query, as sent) contains it. RegExp: tested against the target. Absent: any. */
  route?: RegExp | string;
  port?: 'api' | 'backup';
  method?: string;
  /** Apply this many times, then stop (default: until removed). */
  times?: number;
  /** Delay before the response starts. */
  latencyMs?: number;
  /** Answer this status instead (Ops Manager error body on the API port). */
  status?: number;
  /** With status 429 or 503: the Retry-After header, in seconds. */
  retryAfter?: number;
  /** Send the headers (with the full Content-Length) and this many body bytes, then destroy the socket. */
  cutAfterBytes?: number;
  /** Send the headers and this many body bytes, then send nothing more (the socket stays open). */
  stallAfterBytes?: number;
  body?: FaultBody;
  oversizedBytes?: number;
}

export interface Fault extends FaultSpec {
  readonly id: number;
  /** How many requests it has been applied to. */
  hits: number;
  remove(): void;
}

export class FaultInjector {
  private readonly faults: Fault[] = [];
  private nextId = 1;

  /** Adds a fault; the first matching fault (in the order added) with uses left applies. */
  add(spec: FaultSpec): Fault {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`fault times must be a positive integer, got ${spec.times}`);
    }
    const fault: Fault = {
      ...spec,
      id: this.nextId++,
      hits: 0,
      remove: () => {
        const i = this.faults.indexOf(fault);
        if (i >= 0) this.faults.splice(i, 1);
      },
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  /** The fault for this request, counted as used; undefined when none applies. */
  take(port: 'api' | 'backup', method: string, target: string): Fault | undefined {
    const fault = this.faults.find((f) => matches(f, port, method, target));
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) fault.remove();
    return fault;
  }
}

function matches(f: FaultSpec, port: 'api' | 'backup', method: string, target: string): boolean {
  if (f.port !== undefined && f.port !== port) return false;
  if (f.method !== undefined && f.method.toUpperCase() !== method.toUpperCase()) return false;
  if (f.route === undefined) return true;
  if (typeof f.route === 'string') return target.includes(f.route);
  f.route.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return f.route.test(target);
}

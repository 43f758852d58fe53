import type { z } from '@hono/zod-openapi';

/**
 * An accept-only parser compiled from a zod schema: it gives what `schema.safeParse(value).data`
 * would, or REFUSED, in a fraction of zod's time (a 3-line order: ~1/5), for the hot routes
 * (routes/fast-validation.ts). It walks the schema once, at start, and every rule it applies is
 * the schema's own: each check and format is run by zod's own code (its `_zod.check`), each
 * refinement and transform is the schema's function. What it costs less is zod's machinery around
 * them (contexts, issue lists, async support). A refusal says nothing: the caller then runs the
 * schema itself for its messages. A kind of schema it does not know makes `compileAccept` throw,
 * so a new rule can never be skipped silently (test/schemas.accept.property.test.ts compares both on
 * generated input).
 */

export const REFUSED: unique symbol = Symbol('refused');
export type Accept<T> = (value: unknown) => T | typeof REFUSED;

/** The parts of zod's internals walked here (zod/v4/core: `_zod.def`, `_zod.check`, `_zod.when`). */
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface Check {
  _zod: { check(payload: Payload): unknown; when?: (payload: Payload) => boolean; def: { check: string } };
}
interface Def {
  type: string;
  checks?: Check[];
  check?: string;
  coerce?: boolean;
  shape?: Record<string, ZodLike>;
  catchall?: ZodLike;
  element?: ZodLike;
  innerType?: ZodLike;
  in?: ZodLike;
  out?: ZodLike;
  entries?: Record<string, unknown>;
  transform?: (value: unknown, payload: Payload) => unknown;
}
interface ZodLike {
  _zod: Check['_zod'] & { def: Def };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One check as a predicate. The common kinds are read from their definitions (their bounds and
 * patterns, as zod's own checks read them), because one direct test per rule is what makes this
 * fast; any other kind (a refinement, a format with more than a pattern) is run by zod's code.
 */
function predicateOf(check: Check): (value: never) => boolean {
  const def = check._zod.def as Check['_zod']['def'] & {
    minimum?: number;
    maximum?: number;
    value?: number;
    inclusive?: boolean;
    format?: string;
    pattern?: RegExp;
  };
  switch (def.check) {
    case 'min_length':
      return (value: { length: number }) => value.length >= def.minimum!;
    case 'max_length':
      return (value: { length: number }) => value.length <= def.maximum!;
    case 'greater_than':
      return def.inclusive ? (value: number) => value >= def.value! : (value: number) => value > def.value!;
    case 'less_than':
      return def.inclusive ? (value: number) => value <= def.value! : (value: number) => value < def.value!;
    case 'number_format':
      if (def.format === 'safeint') return (value: number) => Number.isSafeInteger(value);
      break;
    case 'string_format':
      // Formats that are a pattern and nothing else; `g` or `y` flags would make test() stateful.
      if (PATTERN_FORMATS.has(def.format!) && def.pattern && !def.pattern.global && !def.pattern.sticky) {
        const pattern = def.pattern;
        return (value: string) => pattern.test(value);
      }
      break;
  }
  if (check._zod.when !== undefined) throw new Error(`compileAccept: a conditional ${def.check} check`);
  return (value) => {
    const payload: Payload = { value, issues: [] };
    // A promise (an asynchronous refinement) is no acceptance: zod alone decides then.
    return !(check._zod.check(payload) instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
}

/** zod's string formats whose check is their pattern alone (zod/v4/core's $ZodStringFormat). */
const PATTERN_FORMATS = new Set(['regex', 'guid', 'uuid', 'datetime', 'date', 'time']);

/** The checks of one schema, in zod's order, as one predicate over an input of the right type. */
function checksOf(schema: ZodLike): (value: never) => boolean {
  const def = schema._zod.def;
  // A string format (z.guid(), z.iso.datetime()) is a check of itself, run before the others.
  const checks: Check[] = [...(def.check === 'string_format' ? [schema as Check] : []), ...(def.checks ?? [])];
  return checks.map(predicateOf).reduce<(value: never) => boolean>(
    (all, next) => (value) => all(value) && next(value),
    () => true,
  );
}

function compile(schema: ZodLike): Accept<unknown> {
  const def = schema._zod.def;
  if (def.coerce) throw new Error(`compileAccept: a coercing ${def.type} schema`);
  switch (def.type) {
    case 'string': {
      const checks = checksOf(schema);
      return (value) => (typeof value === 'string' && checks(value as never) ? value : REFUSED);
    }
    case 'number': {
      const checks = checksOf(schema);
      return (value) => (typeof value === 'number' && Number.isFinite(value) && checks(value as never) ? value : REFUSED);
    }
    case 'boolean': {
      const checks = checksOf(schema);
      return (value) => (typeof value === 'boolean' && checks(value as never) ? value : REFUSED);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries!));
      const checks = checksOf(schema);
      return (value) => (values.has(value) && checks(value as never) ? value : REFUSED);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (value) => (value === null ? null : inner(value));
    }
    case 'array': {
      const element = compile(def.element!);
      const checks = checksOf(schema);
      return (value) => {
        if (!Array.isArray(value)) return REFUSED;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = element(value[i]);
          if (item === REFUSED) return REFUSED;
          out[i] = item;
        }
        return checks(out as never) ? out : REFUSED;
      };
    }
    case 'object': {
      if (def.catchall !== undefined) throw new Error('compileAccept: an object with a catchall (strict, passthrough)');
      const fields = Object.entries(def.shape!).map(([key, field]) => [key, compile(field)] as const);
      const checks = checksOf(schema);
      return (value) => {
        if (!isObject(value)) return REFUSED;
        // As zod's output: the schema's keys only; an absent optional one stays absent.
        const out: Record<string, unknown> = {};
        for (const [key, field] of fields) {
          const item = field(value[key]);
          if (item === REFUSED) return REFUSED;
          if (item !== undefined || key in value) out[key] = item;
        }
        return checks(out as never) ? out : REFUSED;
      };
    }
    case 'pipe': {
      const first = compile(def.in!);
      const second = compile(def.out!);
      return (value) => {
        const middle = first(value);
        return middle === REFUSED ? REFUSED : second(middle);
      };
    }
    case 'transform': {
      const transform = def.transform!;
      return (value) => {
        const payload: Payload & { addIssue(issue: unknown): void } = {
          value,
          issues: [],
          addIssue(issue) {
            this.issues.push(issue);
          },
        };
        const out = transform(value, payload);
        return out instanceof Promise || payload.issues.length > 0 ? REFUSED : out;
      };
    }
    default:
      throw new Error(`compileAccept: no accept-only parser for a zod ${def.type} schema; validate this route with zod alone`);
  }
}

/** The accept-only parser of `schema` (see above): the schema's output, or REFUSED. */
export function compileAccept<T extends z.ZodType>(schema: T): Accept<z.output<T>> {
  return compile(schema as unknown as ZodLike) as Accept<z.output<T>>;
}

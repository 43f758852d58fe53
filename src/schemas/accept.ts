import type { z } from '@hono/zod-openapi';

/**
 * An accept-only parser compiled from a zod schema: it gives what `schema.safeParse(value).data`
 * would, or REFUSED, in a fraction of zod's time (a 3-line order: ~1/8), for the hot routes
 * (routes/fast-validation.ts). It walks the schema once, at start, and writes one JavaScript
 * function of it (ParserWriter, below): every rule it applies is the schema's own, the bounds and
 * patterns read from the schema's checks, any other check run by zod's own code (its
 * `_zod.check`), each refinement and transform the schema's function. What it costs less is zod's
 * machinery around them (contexts, issue lists, async support). A refusal says nothing: the
 * caller then runs the schema itself for its messages. A kind of schema it does not know makes
 * `compileAccept` throw, so a new rule can never be skipped silently
 * (test/schemas.accept.property.test.ts compares both on generated input).
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

/** zod's string formats whose check is their pattern alone (zod/v4/core's $ZodStringFormat). */
const PATTERN_FORMATS = new Set(['regex', 'guid', 'uuid', 'datetime', 'date', 'time']);

/**
 * Writes the parser of one schema as the body of one function: straight-line tests with the
 * schema's bounds and patterns written in, each property read and written by its own name, so
 * that V8 sees one object shape at each step (a generic walker, reading and writing properties by
 * computed key, cost twice as much). What cannot be written as code (a pattern, a set of enum
 * values, a refinement, a transform) is passed in, as `x[i]`.
 */
class ParserWriter {
  readonly externals: unknown[] = [];
  private readonly lines: string[] = [];
  private names = 0;

  body(schema: ZodLike): string {
    const out = this.node(schema, 'input');
    return `${this.lines.join('\n')}\nreturn ${out};`;
  }

  private external(value: unknown): string {
    this.externals.push(value);
    return `x[${this.externals.length - 1}]`;
  }

  private name(): string {
    return `v${this.names++}`;
  }

  private refuseUnless(condition: string): void {
    this.lines.push(`if (!(${condition})) return R;`);
  }

  /** Writes the code that parses `input` (an expression read once) and answers the variable holding its output. */
  private node(schema: ZodLike, input: string): string {
    const def = schema._zod.def;
    if (def.coerce) throw new Error(`compileAccept: a coercing ${def.type} schema`);
    const value = this.name();
    this.lines.push(`let ${value} = ${input};`);
    switch (def.type) {
      case 'string':
        this.refuseUnless(`typeof ${value} === 'string'`);
        this.checks(schema, value);
        return value;
      case 'number':
        this.refuseUnless(`typeof ${value} === 'number' && Number.isFinite(${value})`);
        this.checks(schema, value);
        return value;
      case 'boolean':
        this.refuseUnless(`typeof ${value} === 'boolean'`);
        this.checks(schema, value);
        return value;
      case 'enum':
        this.refuseUnless(`${this.external(new Set(Object.values(def.entries!)))}.has(${value})`);
        this.checks(schema, value);
        return value;
      case 'optional':
      case 'nullable': {
        const absent = def.type === 'optional' ? 'undefined' : 'null';
        this.lines.push(`if (${value} !== ${absent}) {`);
        const inner = this.node(def.innerType!, value);
        this.lines.push(`${value} = ${inner};`, '}');
        return value;
      }
      case 'array': {
        this.refuseUnless(`Array.isArray(${value})`);
        const out = this.name();
        const i = this.name();
        this.lines.push(`const ${out} = new Array(${value}.length);`, `for (let ${i} = 0; ${i} < ${value}.length; ${i}++) {`);
        const item = this.node(def.element!, `${value}[${i}]`);
        this.lines.push(`${out}[${i}] = ${item};`, '}');
        this.checks(schema, out);
        return out;
      }
      case 'object': {
        if (def.catchall !== undefined) throw new Error('compileAccept: an object with a catchall (strict, passthrough)');
        this.refuseUnless(`typeof ${value} === 'object' && ${value} !== null && !Array.isArray(${value})`);
        // As zod's output: the schema's keys only, in its order; an absent optional one stays absent.
        const out = this.name();
        this.lines.push(`const ${out} = {};`);
        for (const [key, field] of Object.entries(def.shape!)) {
          const name = JSON.stringify(key);
          const item = this.node(field, `${value}[${name}]`);
          this.lines.push(`if (${item} !== undefined || ${name} in ${value}) ${out}[${name}] = ${item};`);
        }
        this.checks(schema, out);
        return out;
      }
      case 'pipe': {
        const middle = this.node(def.in!, value);
        return this.node(def.out!, middle);
      }
      case 'transform': {
        const out = this.name();
        this.lines.push(`const ${out} = ${this.external(transformOf(def.transform!))}(${value});`, `if (${out} === R) return R;`);
        return out;
      }
      default:
        throw new Error(`compileAccept: no accept-only parser for a zod ${def.type} schema; validate this route with zod alone`);
    }
  }

  /** The schema's checks, in zod's order (a string format, such as z.guid(), is a check of itself, run first). */
  private checks(schema: ZodLike, value: string): void {
    const def = schema._zod.def;
    const checks: Check[] = [...(def.check === 'string_format' ? [schema as Check] : []), ...(def.checks ?? [])];
    for (const check of checks) this.refuseUnless(this.test(check, value));
  }

  /**
   * One check as a test of `value`. The common kinds are written from their definitions (their
   * bounds and patterns, as zod's own checks read them); any other kind (a refinement, a format
   * with more than a pattern) is run by zod's code.
   */
  private test(check: Check, value: string): string {
    const def = check._zod.def as Check['_zod']['def'] & {
      minimum?: number;
      maximum?: number;
      value?: number;
      inclusive?: boolean;
      format?: string;
      pattern?: RegExp;
    };
    const bound = (n: number) => (Number.isFinite(n) && !Object.is(n, -0) ? String(n) : this.external(n));
    switch (def.check) {
      case 'min_length':
        return `${value}.length >= ${bound(def.minimum!)}`;
      case 'max_length':
        return `${value}.length <= ${bound(def.maximum!)}`;
      case 'greater_than':
        return `${value} ${def.inclusive ? '>=' : '>'} ${bound(def.value!)}`;
      case 'less_than':
        return `${value} ${def.inclusive ? '<=' : '<'} ${bound(def.value!)}`;
      case 'number_format':
        if (def.format === 'safeint') return `Number.isSafeInteger(${value})`;
        break;
      case 'string_format':
        // Formats that are a pattern and nothing else; `g` or `y` flags would make test() stateful.
        if (PATTERN_FORMATS.has(def.format!) && def.pattern && !def.pattern.global && !def.pattern.sticky) {
          return `${this.external(def.pattern)}.test(${value})`;
        }
        break;
    }
    if (check._zod.when !== undefined) throw new Error(`compileAccept: a conditional ${def.check} check`);
    return `${this.external(zodCheckOf(check))}(${value})`;
  }
}

/** A check run by zod's own code: passes when it adds no issue and leaves the value as it was. */
function zodCheckOf(check: Check): (value: unknown) => boolean {
  return (value) => {
    const payload: Payload = { value, issues: [] };
    // A promise (an asynchronous refinement) is no acceptance: zod alone decides then.
    return !(check._zod.check(payload) instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
}

/** A transform of the schema: its output, or REFUSED when it reports an issue (or is asynchronous). */
function transformOf(transform: NonNullable<Def['transform']>): (value: unknown) => unknown {
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

/** The accept-only parser of `schema` (see above): the schema's output, or REFUSED. */
export function compileAccept<T extends z.ZodType>(schema: T): Accept<z.output<T>> {
  const writer = new ParserWriter();
  const body = writer.body(schema as unknown as ZodLike);
  // Code written from the schema's definition alone (no request's data), once per route at start.
  const parser = new Function('x', 'R', `return (input) => {\n${body}\n};`) as (x: unknown[], r: typeof REFUSED) => Accept<unknown>;
  return parser(writer.externals, REFUSED) as Accept<z.output<T>>;
}

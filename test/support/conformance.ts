/**
 * Every answer the suite sees is held against openapi/openapi.json, the document the service's
 * users generate clients from: a status the operation does not declare, a content type it does not
 * declare, or a body that breaks the declared schema fails the test that received it.
 *
 * The harness wraps `app.request` of every service it builds (and the replicas' HTTP calls), so
 * `svc.call(...)` and a test's own `svc.app.request(...)` are both checked. A request that matches
 * no documented operation (the docs page, /openapi.json, the console, an unknown route) is not.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the function under ESM interop.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const DOCUMENT_ID = 'reservoir-openapi';

interface MediaType {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  responses: Record<string, ResponseObject>;
  pointer: string;
}

/** An answer that is not what the document says its operation answers. */
export class NonConformingResponse extends Error {
  constructor(
    readonly operation: string,
    readonly problems: string[],
  ) {
    super(`the answer of ${operation} does not conform to openapi/openapi.json:\n  - ${problems.join('\n  - ')}`);
    this.name = 'NonConformingResponse';
  }
}

const pointerSegment = (segment: string) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

class Conformance {
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  private readonly document: object;

  constructor(document: { paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>> }) {
    // The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1); `example` and the like are annotations.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, DOCUMENT_ID);
    this.document = document;
    for (const [template, item] of Object.entries(document.paths)) {
      const segments = template.split('/').filter(Boolean);
      const source = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      for (const [method, operation] of Object.entries(item)) {
        if (typeof operation !== 'object' || !operation?.responses) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^/${source}$`),
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          responses: operation.responses,
          pointer: `#/paths/${pointerSegment(template)}/${method}`,
        });
      }
    }
    // A literal segment wins over a parameter (`/admin/sync` is not `/{tenantId}/sync`).
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  operationOf(method: string, path: string): Operation | undefined {
    const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    return this.operations.find((o) => o.method === wanted && o.pattern.test(path));
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  /** Every schema's `example` that its own schema refuses, as `pointer: what is wrong`. */
  exampleProblems(): string[] {
    const problems: string[] = [];
    const walk = (node: unknown, pointer: string) => {
      if (node === null || typeof node !== 'object') return;
      if (!Array.isArray(node) && 'example' in node) {
        const validate = this.validator(pointer);
        if (!validate(node.example)) problems.push(`${pointer}: ${this.ajv.errorsText(validate.errors)}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${pointer}/${pointerSegment(key)}`);
    };
    walk(this.document, '#');
    return problems;
  }

  /** What is wrong with this answer to `method path` (nothing: an empty list). */
  problems(operation: Operation, status: number, contentType: string | null, body: string | undefined): string[] {
    const declared = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
    if (!declared) return [`status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    const statusKey = operation.responses[String(status)] ? String(status) : `${String(status)[0]}XX`;
    const media = Object.keys(declared.content ?? {});
    if (media.length === 0) {
      return body ? [`status ${status} declares no body, got ${contentType ?? 'no content type'}: ${body.slice(0, 200)}`] : [];
    }
    const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const mediaType = media.find((m) => m.toLowerCase() === essence);
    if (!mediaType) return [`content type ${contentType ?? '(none)'} is not declared for status ${status} (declared: ${media.join(', ')})`];
    // A stream is not read here: its events are the feed's own tests' business.
    if (body === undefined || !declared.content![mediaType]!.schema) return [];
    let value: unknown = body;
    if (mediaType === 'application/json') {
      try {
        value = JSON.parse(body);
      } catch {
        return [`status ${status}: the body is not JSON: ${body.slice(0, 200)}`];
      }
    }
    const validate = this.validator(`${operation.pointer}/responses/${statusKey}/content/${pointerSegment(mediaType)}/schema`);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 10).map((e) => `status ${status}: body${e.instancePath} ${e.message} (${e.schemaPath})`);
  }
}

let conformance: Conformance | undefined;
function loaded(): Conformance {
  conformance ??= new Conformance(JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')));
  return conformance;
}

/** The examples of openapi/openapi.json that break their own schemas (none, when the document is right). */
export const nonConformingExamples = () => loaded().exampleProblems();

/** Throws NonConformingResponse when `res`, the answer to `method url`, breaks the document. The response stays readable. */
export async function assertConforms(method: string, url: string, res: Response): Promise<void> {
  const path = new URL(url, 'http://localhost').pathname;
  const operation = loaded().operationOf(method, path);
  if (!operation) return;
  const contentType = res.headers.get('content-type');
  const streaming = contentType?.startsWith('text/event-stream') ?? false;
  const body = streaming || method.toUpperCase() === 'HEAD' ? undefined : await res.clone().text();
  const problems = loaded().problems(operation, res.status, contentType, body);
  if (problems.length > 0) throw new NonConformingResponse(`${method.toUpperCase()} ${operation.template} (${path})`, problems);
}

/** `app.request` that checks each answer against the document (see the top of this file). */
export function checkedRequest<F extends (input: RequestInfo | URL, init?: RequestInit, ...rest: never[]) => Response | Promise<Response>>(
  request: F,
): F {
  return (async (input: RequestInfo | URL, init?: RequestInit, ...rest: never[]) => {
    const res = await request(input, init, ...rest);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    await assertConforms(method, url, res);
    return res;
  }) as F;
}

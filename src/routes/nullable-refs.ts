/**
 * @asteasolutions/zod-to-openapi (under @hono/zod-openapi) writes a nullable named schema
 * (`OrderSchema.nullable()`) as `allOf: [{ $ref }, { type: ['object', 'null'] }]`, which `null`
 * never satisfies (it fails the `$ref`): validators and generated clients then refuse the very
 * `null` the service sends. This rewrites each such pair as `anyOf: [{ $ref }, { type: 'null' }]`,
 * the JSON Schema 2020-12 spelling, keeping the annotations (description...) beside it.
 */
export function fixNullableRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map(fixNullableRefs) as T;
  if (node === null || typeof node !== 'object') return node;
  const fixed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) fixed[key] = fixNullableRefs(value);
  const allOf = fixed.allOf;
  if (Array.isArray(allOf) && allOf.length === 2 && isRef(allOf[0]) && isNullableObject(allOf[1])) {
    const { type: _type, ...annotations } = allOf[1] as Record<string, unknown>;
    const { allOf: _allOf, ...rest } = fixed;
    return { ...rest, ...annotations, anyOf: [allOf[0], { type: 'null' }] } as T;
  }
  return fixed as T;
}

const isRef = (schema: unknown) => typeof schema === 'object' && schema !== null && Object.keys(schema).join() === '$ref';

/** `{ type: ['object', 'null'] }` with nothing but annotations beside it. */
function isNullableObject(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const { type, ...rest } = schema as Record<string, unknown>;
  const annotationsOnly = Object.keys(rest).every((key) => key === 'description' || key === 'example' || key === 'title');
  return Array.isArray(type) && type.includes('null') && annotationsOnly;
}

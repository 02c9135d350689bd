import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';

/** One JSON-schema property, as RxDB stores it. */
export type JsonProperty = Record<string, unknown>;

export interface CollectionShape<Doc> {
  version: number;
  primaryKey: keyof Doc & string;
  /** Properties that differ from the model (stored form, index-friendly bounds). */
  overrides?: Record<string, JsonProperty>;
  /** Extra fields that become required (RxDB's Dexie storage needs indexed fields required). */
  required?: readonly string[];
  indexes?: readonly string[];
}

/**
 * Builds an RxDB collection schema from a zod model so a field is described
 * in one place. zod's JSON schema gives types, lengths and enums; the
 * overrides add what RxDB needs on top (bounded numbers and strings for
 * indexes, stored sentinels).
 */
export function rxSchemaFromZod<Doc>(model: z.ZodObject, shape: CollectionShape<Doc>): RxJsonSchema<Doc> {
  const json = z.toJSONSchema(model, { unrepresentable: 'any' }) as {
    properties: Record<string, JsonProperty>;
    required?: string[];
  };
  const properties = { ...json.properties, ...shape.overrides };
  const required = [...new Set([...(json.required ?? []), ...(shape.required ?? [])])];
  return {
    version: shape.version,
    primaryKey: shape.primaryKey,
    type: 'object',
    properties,
    required,
    indexes: shape.indexes ? [...shape.indexes] : [],
  } as unknown as RxJsonSchema<Doc>;
}

/** A non-negative integer field RxDB can index (it needs the bounds to size the index). */
export const INDEXABLE_COUNT: JsonProperty = {
  type: 'integer',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  multipleOf: 1,
};

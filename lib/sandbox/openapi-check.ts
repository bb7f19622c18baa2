/**
 * A small, focused OpenAPI schema checker for the sandbox's conformance tests: types (3.0
 * `nullable` and 3.1 type arrays), required, enum, properties, items, $ref, allOf and
 * oneOf/anyOf (treated as "any branch matches"). In strict mode any property the schema does not
 * declare is an error, which is how a misspelt field name gets caught.
 *
 * Also maps XPM's XML to the JSON shape the XPM spec describes, guided by the schema: PascalCase
 * element names become camelCase properties (`Website` → `website`, so a stray `WebSite` is
 * caught), names starting with an acronym (`UUID`, `GSTRegistered`) match case-insensitively,
 * list elements become arrays and text is converted to the type the schema asks for.
 */
import { XMLParser } from 'fast-xml-parser';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  additionalProperties?: boolean | Schema;
};

export interface Spec {
  components: { schemas: Record<string, Schema> };
}

export function resolve(spec: Spec, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 20 && s.$ref; i += 1) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const next = spec.components.schemas[name];
    if (!next) throw new Error(`Unknown $ref ${s.$ref}`);
    s = next;
  }
  return s;
}

/** Every property a schema (with its allOf / oneOf / anyOf branches) declares. */
export function propertiesOf(spec: Spec, schema: Schema): Record<string, Schema> {
  const s = resolve(spec, schema);
  const out: Record<string, Schema> = { ...(s.properties ?? {}) };
  for (const branch of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) Object.assign(out, propertiesOf(spec, branch));
  return out;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

export function check(spec: Spec, schema: Schema, value: unknown, path = '$', strict = true): string[] {
  const s = resolve(spec, schema);
  const errors: string[] = [];
  if (value === null && s.nullable) return [];
  if (s.allOf) for (const part of s.allOf) errors.push(...check(spec, part, value, path, false));
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) {
    const nullAllowed = alternatives.some((a) => resolve(spec, a).type === 'null');
    if (!(value === null && (nullAllowed || s.nullable))) {
      const results = alternatives.filter((a) => resolve(spec, a).type !== 'null').map((a) => check(spec, a, value, path, false));
      if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches no alternative (${results.map((r) => r[0]).join(' | ')})`);
    }
  }
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((t) => typeMatches(t, actual))) {
    errors.push(`${path}: expected ${types.join('|')}, got ${actual}`);
    return errors;
  }
  if (s.enum && value !== null && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const req of s.required ?? []) if (!(req in obj)) errors.push(`${path}: missing required ${req}`);
    const props = propertiesOf(spec, s);
    for (const [key, v] of Object.entries(obj)) {
      const prop = props[key];
      if (prop) errors.push(...check(spec, prop, v, `${path}.${key}`, strict));
      else if (strict && Object.keys(props).length > 0) errors.push(`${path}: unexpected property ${key}`);
    }
  }
  if (actual === 'array' && s.items) (value as unknown[]).forEach((item, i) => errors.push(...check(spec, s.items as Schema, item, `${path}[${i}]`, strict)));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// XPM XML → the spec's JSON shape
// ---------------------------------------------------------------------------------------------

type XNode = { [k: string]: XValue };
type XValue = string | XNode | XValue[];

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });

export function parseXpmResponse(xml: string): XNode {
  const doc = parser.parse(xml) as XNode;
  const res = doc.Response;
  if (!res || typeof res !== 'object' || Array.isArray(res)) throw new Error('No <Response> root');
  return res;
}

function isObjectSchema(spec: Spec, schema: Schema): boolean {
  return Object.keys(propertiesOf(spec, schema)).length > 0;
}

function itemSchema(spec: Spec, schema: Schema): Schema | null {
  const s = resolve(spec, schema);
  if (s.items) return s.items;
  for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) {
    const found = itemSchema(spec, branch);
    if (found) return found;
  }
  return null;
}

function wantsType(spec: Spec, schema: Schema, type: string): boolean {
  const s = resolve(spec, schema);
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  return types.includes(type);
}

/** Map one XML element to the spec's JSON, guided by `schema`; unknown elements keep a marker. */
export function xmlToSpecJson(spec: Spec, schema: Schema, node: XValue): unknown {
  const item = itemSchema(spec, schema);
  if (item && !isObjectSchema(spec, schema)) {
    // <Clients><Client/>…</Clients> → [ … ]
    if (node === '') return [];
    if (typeof node !== 'object' || Array.isArray(node)) return node;
    const children = Object.values(node);
    if (children.length !== 1) return node;
    const only = children[0] as XValue;
    return (Array.isArray(only) ? only : [only]).map((c) => xmlToSpecJson(spec, item, c));
  }
  if (isObjectSchema(spec, schema)) {
    if (node === '') return null;
    if (typeof node !== 'object' || Array.isArray(node)) return node;
    const props = propertiesOf(spec, schema);
    const byLower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
    const out: Record<string, unknown> = {};
    for (const [element, value] of Object.entries(node)) {
      const camel = element.charAt(0).toLowerCase() + element.slice(1);
      const acronym = /^[A-Z]{2}/.test(element);
      const key = camel in props ? camel : acronym ? byLower.get(element.toLowerCase()) : undefined;
      const prop = key ? props[key] : undefined;
      if (!key || !prop) {
        out[`<${element}>`] = value;
        continue;
      }
      out[key] = xmlToSpecJson(spec, prop, value);
    }
    return out;
  }
  if (node === '') return null;
  if (typeof node !== 'string') return node;
  if (wantsType(spec, schema, 'integer')) return /^-?\d+$/.test(node) ? Number(node) : node;
  if (wantsType(spec, schema, 'number')) return /^-?\d+(\.\d+)?$/.test(node) ? Number(node) : node;
  return node;
}

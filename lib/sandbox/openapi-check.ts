/**
 * A small, focused OpenAPI schema checker for the sandbox's conformance tests: types (3.0
 * `nullable` and 3.1 type arrays), required, enum, properties, items, $ref, allOf and
 * oneOf/anyOf (treated as "any branch matches"). In strict mode any property the schema does not
 * declare is an error, which is how a misspelt field name gets caught.
 *
 * Also maps XPM's XML to the JSON shape the XPM spec describes, guided by the schema: PascalCase
 * element names become camelCase properties (`Website` → `website`, so a stray `WebSite` is
 * caught), names holding an acronym (`UUID`, `GSTRegistered`, `PrepareGST`, `ClientUUID`) match
 * case-insensitively, list elements become arrays (each item must be the list's singular:
 * `<Clients><Client>`, `<Jobs><Job>`) and text is converted to the type the schema asks for.
 * `xpmValueErrors` adds what the schema cannot say: `Status` is OK or ERROR, and the Yes/No
 * fields say Yes or No. The sandbox's request validation (xpm/request-validation.ts) uses the
 * same element rule, so requests and responses are named by one rule.
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

/**
 * The spec property an XML element names: `Website` → `website` exactly; an element holding an
 * acronym (two capitals in a row) matches case-insensitively. Null when the schema has no such
 * property (a made-up or misspelt element).
 */
export function elementKey(element: string, props: Record<string, unknown>): string | null {
  const camel = element.charAt(0).toLowerCase() + element.slice(1);
  if (camel in props) return camel;
  if (!/[A-Z]{2}/.test(element)) return null;
  const lower = element.toLowerCase();
  return Object.keys(props).find((k) => k.toLowerCase() === lower) ?? null;
}

/** The element each item of a list property is written as: `clients` → `Client`. */
export function itemElementName(listKey: string): string {
  const singular = listKey.endsWith('ies') ? `${listKey.slice(0, -3)}y` : listKey.endsWith('s') ? listKey.slice(0, -1) : listKey;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
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
export function xmlToSpecJson(spec: Spec, schema: Schema, node: XValue, listKey?: string): unknown {
  const item = itemSchema(spec, schema);
  if (item && !isObjectSchema(spec, schema)) {
    // <Clients><Client/>…</Clients> → [ … ]; a wrongly named item keeps a marker, which the
    // item schema then refuses by name.
    if (node === '') return [];
    if (typeof node !== 'object' || Array.isArray(node)) return node;
    const entries = Object.entries(node);
    if (entries.length !== 1) return node;
    const [name, only] = entries[0] as [string, XValue];
    if (listKey !== undefined && name !== itemElementName(listKey)) return [{ [`<${name}>`]: only }];
    return (Array.isArray(only) ? only : [only]).map((c) => xmlToSpecJson(spec, item, c));
  }
  if (isObjectSchema(spec, schema)) {
    if (node === '') return null;
    if (typeof node !== 'object' || Array.isArray(node)) return node;
    const props = propertiesOf(spec, schema);
    const out: Record<string, unknown> = {};
    for (const [element, value] of Object.entries(node)) {
      const key = elementKey(element, props);
      const prop = key ? props[key] : undefined;
      if (!key || !prop) {
        out[`<${element}>`] = value;
        continue;
      }
      out[key] = xmlToSpecJson(spec, prop, value, key);
    }
    return out;
  }
  if (node === '') return null;
  if (typeof node !== 'string') return node;
  if (wantsType(spec, schema, 'integer')) return /^-?\d+$/.test(node) ? Number(node) : node;
  if (wantsType(spec, schema, 'number')) return /^-?\d+(\.\d+)?$/.test(node) ? Number(node) : node;
  return node;
}

// ---------------------------------------------------------------------------------------------
// What the XPM spec leaves to prose: Status values and Yes/No flags
// ---------------------------------------------------------------------------------------------

/** String properties XPM documents as `Yes`/`No` besides every `is…` flag. */
export const XPM_YES_NO_FIELDS: ReadonlySet<string> = new Set([
  'prepareGst',
  'gstRegistered',
  'prepareActivityStatement',
  'prepareTaxReturn',
  'signedTaxAuthority',
  'activeAtoClient',
]);

export const isYesNoField = (key: string): boolean => /^is[A-Z]/.test(key) || XPM_YES_NO_FIELDS.has(key);

/**
 * Errors in mapped XPM JSON that the schema cannot express: a `status` other than OK/ERROR (an
 * ERROR without an `errorDescription`), and a Yes/No field holding anything but Yes or No.
 */
export function xpmValueErrors(value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => errors.push(...xpmValueErrors(v, `${path}[${i}]`)));
    return errors;
  }
  if (typeof value !== 'object' || value === null) return errors;
  const obj = value as Record<string, unknown>;
  if (path === '$') {
    if (obj.status !== 'OK' && obj.status !== 'ERROR') errors.push(`$.status: ${JSON.stringify(obj.status)} is not OK or ERROR`);
    if (obj.status === 'ERROR' && !obj.errorDescription) errors.push('$: Status ERROR without an ErrorDescription');
  }
  for (const [key, v] of Object.entries(obj)) {
    if (isYesNoField(key) && v !== null && v !== 'Yes' && v !== 'No') errors.push(`${path}.${key}: ${JSON.stringify(v)} is not Yes or No`);
    else if (typeof v === 'object' && v !== null) errors.push(...xpmValueErrors(v, `${path}.${key}`));
  }
  return errors;
}

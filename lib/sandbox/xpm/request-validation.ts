/**
 * Request bodies checked the way XPM checks them, so a client mistake fails here as it would
 * against the real service instead of being quietly accepted.
 *
 * The element names and value types come from the reference spec's request schemas
 * (request-schemas.json is a copy of them; spec-conformance.test.ts keeps it equal to the spec),
 * spelt as XPM's XML spells them (`requestElementName`): an element the schema does not declare is refused, and so is text that is not the declared
 * type (`GSTPeriod` is an integer in requests, so the response's display text "Two Monthly"
 * is refused). The spec declares no enumerations and no required fields; XPM's documentation
 * does, and those few rules are the overlay below.
 */
import { isYesNoField, itemElementName, propertiesOf, resolve, type Schema, type Spec } from '../openapi-check';
import schemas from './request-schemas.json';
import type { XmlNode, XmlValue } from './xml';

export type XpmRequestSchema = 'ClientAddRequestDto' | 'ClientUpdateRequestDto' | 'ContactRequestDto' | 'JobAddRequestDto';

const spec: Spec = { components: { schemas: schemas.schemas as Record<string, Schema> } };

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1));
/** XPM's request forms: GST periods in months, the basis by name. */
const CLIENT_ENUMS: Record<string, readonly string[]> = { gstPeriod: ['1', '2', '6'], gstBasis: ['Invoice', 'Payments', 'Hybrid'], balanceMonth: MONTHS };
const YYYYMMDD = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

interface Rules {
  required?: string[];
  enums?: Record<string, readonly string[]>;
  formats?: Record<string, { pattern: RegExp; says: string }>;
}

/** XPM's documented rules that the spec leaves out, by schema. */
const RULES: Record<string, Rules> = {
  ClientAddRequestDto: { required: ['name'], enums: CLIENT_ENUMS },
  ClientUpdateRequestDto: { required: ['uuid', 'name'], enums: CLIENT_ENUMS },
  ContactInsertItemDto: { required: ['name'] },
  ContactRequestDto: { required: ['name'] },
  JobAddRequestDto: {
    required: ['name', 'description', 'clientUuid', 'startDate', 'dueDate'],
    formats: { startDate: { pattern: YYYYMMDD, says: 'a date as YYYYMMDD' }, dueDate: { pattern: YYYYMMDD, says: 'a date as YYYYMMDD' } },
  },
};

/** How XPM spells a property as an element: `clientUuid` → `ClientUUID`, `gstPeriod` → `GSTPeriod`. */
export function requestElementName(key: string): string {
  const pascal = key.charAt(0).toUpperCase() + key.slice(1);
  return pascal.replace(/Uuid$/, 'UUID').replace(/^Gst/, 'GST').replace(/Gst$/, 'GST').replace(/^Id$/, 'ID').replace(/Ato/, 'ATO');
}

const schemaNameOf = (schema: Schema): string | null => (schema.$ref ? schema.$ref.replace('#/components/schemas/', '') : null);

function objectBranch(schema: Schema): Schema | null {
  const s = resolve(spec, schema);
  if (s.properties) return schema;
  for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) if (Object.keys(propertiesOf(spec, branch)).length > 0) return branch;
  return null;
}

/**
 * The first thing XPM would refuse in `node` (the children of `<root>`), as XPM words it, or
 * null when the body is acceptable.
 */
export function validateXpmRequest(schemaName: XpmRequestSchema, root: string, node: XmlNode): string | null {
  return checkObject({ $ref: `#/components/schemas/${schemaName}` }, node, '', root);
}

const at = (where: string, message: string) => (where ? `${where}: ${message}` : message);

/** `where` is the path below the root ('' at the root), `parent` the element holding `node`. */
function checkObject(schema: Schema, node: XmlNode, where: string, parent: string): string | null {
  const props = propertiesOf(spec, schema);
  const rules = RULES[schemaNameOf(schema) ?? ''] ?? {};
  for (const [element, value] of Object.entries(node)) {
    // Requests must use XPM's spelling exactly (`ClientUUID`, not `ClientUuid`).
    const key = Object.keys(props).find((k) => requestElementName(k) === element);
    const prop = key ? props[key] : undefined;
    if (!key || !prop) return at(where, `<${element}> is not a valid element of <${parent}>`);
    const error = checkValue(key, prop, value, where ? `${where}/${element}` : element, element, rules);
    if (error) return error;
  }
  for (const key of rules.required ?? []) {
    const value = node[requestElementName(key)];
    if (value === undefined || value === '') return at(where, `${requestElementName(key)} is required`);
  }
  return null;
}

function checkValue(key: string, schema: Schema, value: XmlValue, where: string, element: string, rules: Rules): string | null {
  if (Array.isArray(value) && !isList(schema)) return `${where}: <${element}> may be given only once`;
  const object = objectBranch(schema);
  if (object) {
    if (value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value)) return `${where}: <${element}> must hold elements, not text`;
    return checkObject(object, value, where, element);
  }
  if (isList(schema)) {
    if (value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value)) return `${where}: <${element}> must hold <${itemElementName(key)}> elements`;
    const item = listItem(schema);
    for (const [child, items] of Object.entries(value)) {
      if (child !== itemElementName(key)) return `${where}: <${child}> is not a valid element (a <${element}> list holds <${itemElementName(key)}>)`;
      for (const entry of Array.isArray(items) ? items : [items]) {
        if (typeof entry !== 'object' || Array.isArray(entry)) return `${where}/${child}: must hold elements, not text`;
        const error = checkObject(item, entry, `${where}/${child}`, child);
        if (error) return error;
      }
    }
    return null;
  }
  if (typeof value !== 'string') return `${where}: <${element}> must be a value, not elements`;
  if (value === '') return null;
  const s = resolve(spec, schema);
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer') && !/^-?\d+$/.test(value)) return `${element} must be a whole number ("${value}" is not valid)`;
  if (types.includes('number') && !/^-?\d+(\.\d+)?$/.test(value)) return `${element} must be a number ("${value}" is not valid)`;
  const allowed = rules.enums?.[key] ?? (isYesNoField(key) ? ['Yes', 'No'] : undefined);
  if (allowed && !allowed.includes(value)) return `${element} must be one of ${allowed.join(', ')} ("${value}" is not valid)`;
  const format = rules.formats?.[key];
  if (format && !format.pattern.test(value)) return `${element} must be ${format.says} ("${value}" is not valid)`;
  return null;
}

function isList(schema: Schema): boolean {
  return resolve(spec, schema).items !== undefined;
}

function listItem(schema: Schema): Schema {
  return resolve(spec, schema).items as Schema;
}

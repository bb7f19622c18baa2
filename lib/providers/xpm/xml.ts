import { XMLParser } from 'fast-xml-parser';

/**
 * XPM speaks XML. Parsing keeps every value a string (`parseTagValue: false`): tax numbers,
 * postcodes and phone numbers have leading zeros that number parsing would eat. `<Contact>`
 * is always an array; other repeating elements go through `asArray`, because a list with
 * one item otherwise parses as an object. Documents are validated, so a truncated answer is
 * an error rather than a silently shorter list.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  // Name-based (no path strings to build per element): noticeably faster on big lists.
  jPath: false,
  isArray: (name) => name === 'Contact',
});

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue | undefined;
}

/** Throws on text that is not well-formed XML; callers turn that into a `malformed` error. */
export function parseXml(text: string): XmlObject {
  const parsed: unknown = parser.parse(text, true);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an XML document');
  return parsed as XmlObject;
}

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `<X/>`, `<X></X>` and absence all mean "no items". */
export function asArray(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Element text, trimmed; empty or missing → null. An element with children is not text. */
export function text(value: XmlValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** XPM booleans are `Yes`/`No` (older payloads also `true`/`false`). */
export function yesNo(value: XmlValue | undefined): boolean {
  const t = text(value)?.toLowerCase();
  return t === 'yes' || t === 'true';
}

// ---- building request bodies -------------------------------------------------------------

/** Characters XML 1.0 forbids even when escaped; they would make XPM reject the whole body. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An element: text (escaped), or children. `null` text renders as an empty element. */
export type XmlNode = { name: string; text: string | null } | { name: string; children: XmlNode[] };

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function renderXml(node: XmlNode): string {
  if (!ELEMENT_NAME.test(node.name)) throw new Error(`invalid XML element name: ${node.name}`);
  if ('children' in node) return `<${node.name}>${node.children.map(renderXml).join('')}</${node.name}>`;
  return node.text === null || node.text === '' ? `<${node.name} />` : `<${node.name}>${escapeXml(node.text)}</${node.name}>`;
}

export function el(name: string, value: string | null): XmlNode {
  return { name, text: value };
}

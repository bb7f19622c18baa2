import type { MapResult } from '../mapping';
import { mapXpmClient } from './map-client';
import { asArray, isXmlObject, parseXml, type XmlObject, type XmlValue } from './xml';

/**
 * Reading a client list without stalling the process. A full `client.api/list` is ~3 MB of
 * XML for 2,500 clients; parsing it in one go blocks the event loop for most of a second.
 * Instead the `<Client>` elements are cut out of the text and parsed one at a time, yielding
 * to the event loop every few milliseconds. A side benefit: a broken `<Client>` fails only
 * that record.
 */

export interface SplitResponse {
  /** The `<Response>` with the clients cut out: Status, ErrorDescription, Pagination… */
  envelope: string;
  /** Each `<Client>…</Client>` as it appeared. */
  clients: string[];
}

const CLIENT_OPEN = /<Client(?=[\s>/])/g;
const CLIENT_CLOSE = '</Client>';

/**
 * Cut top-level `<Client>` elements out of a response. `<Client>` cannot appear inside
 * text (it would be escaped), and other elements with "Client" in their name
 * (`<BillingClient>`, `<Clients>`) do not match. Comments and CDATA could hide markup, so
 * such documents are not split (`null`: parse them whole).
 */
export function splitClients(text: string): SplitResponse | null {
  if (text.includes('<!--') || text.includes('<![CDATA[')) return null;
  const clients: string[] = [];
  const envelope: string[] = [];
  let cursor = 0;
  CLIENT_OPEN.lastIndex = 0;
  for (let match = CLIENT_OPEN.exec(text); match; match = CLIENT_OPEN.exec(text)) {
    const start = match.index;
    const tagEnd = text.indexOf('>', start);
    if (tagEnd < 0) break;
    let end: number;
    if (text[tagEnd - 1] === '/') {
      end = tagEnd + 1; // <Client/>
    } else {
      const close = text.indexOf(CLIENT_CLOSE, tagEnd);
      // Unclosed: leave it in the envelope, whose validation then fails the whole answer.
      if (close < 0) break;
      end = close + CLIENT_CLOSE.length;
    }
    envelope.push(text.slice(cursor, start));
    clients.push(text.slice(start, end));
    cursor = end;
    CLIENT_OPEN.lastIndex = end;
  }
  envelope.push(text.slice(cursor));
  return { envelope: envelope.join(''), clients };
}

/** A client as found in an answer: its XML text (split) or its parsed node (unsplittable answer). */
export type ClientItem = string | XmlValue;

/** Parse and map clients, yielding to the event loop so other work keeps flowing. */
export async function mapClientItems(items: readonly ClientItem[], sliceMs = 8): Promise<MapResult[]> {
  const out: MapResult[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(typeof item === 'string' ? mapFragment(item) : mapXpmClient(item));
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return out;
}

export function mapFragment(fragment: string): MapResult {
  let doc: XmlObject;
  try {
    doc = parseXml(fragment);
  } catch {
    const uuid = /<UUID>\s*([^<\s]+)\s*<\/UUID>/.exec(fragment)?.[1];
    return { ok: false, ...(uuid ? { externalId: uuid } : {}), error: `An XPM client record${uuid ? ` (${uuid})` : ''} was not readable XML. It was skipped.` };
  }
  return mapXpmClient(doc.Client);
}

/** The parsed `<Client>` element of an item, or null if it is not readable. */
export function clientNode(item: ClientItem): XmlObject | null {
  if (typeof item !== 'string') return isXmlObject(item) ? item : null;
  try {
    const node = parseXml(item).Client;
    return isXmlObject(node) ? node : null;
  } catch {
    return null;
  }
}

/** For unsplittable answers: the clients of a fully parsed `<Response>` (list or single). */
export function clientsOfResponse(response: XmlObject): XmlValue[] {
  const container = response.Clients;
  return [...asArray(isXmlObject(container) ? container.Client : undefined), ...asArray(response.Client)];
}

import { NextResponse } from 'next/server';
import { GUSTO_SIGNATURE_HEADER } from '@/lib/sync/webhooks/gusto-signature';
import { MAX_GUSTO_WEBHOOK_BYTES, receiveGustoDelivery } from '@/lib/sync/webhooks/receive-gusto';

/**
 * Gusto's webhook deliveries (lib/sync/webhooks/receive-gusto.ts). No session: the
 * signature is the authentication, checked on the raw bytes before anything is read from
 * them. Refusals carry no detail — a prober learns nothing about why.
 */
export async function POST(request: Request) {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_GUSTO_WEBHOOK_BYTES) return new NextResponse(null, { status: 413 });
  const raw = await readCapped(request, MAX_GUSTO_WEBHOOK_BYTES);
  if (!raw) return new NextResponse(null, { status: 413 });
  const answer = await receiveGustoDelivery(raw, request.headers.get(GUSTO_SIGNATURE_HEADER));
  return answer.body ? NextResponse.json(answer.body, { status: answer.status }) : new NextResponse(null, { status: answer.status });
}

/** The body's bytes, or null past `limit` (a missing or false Content-Length cannot get past it). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

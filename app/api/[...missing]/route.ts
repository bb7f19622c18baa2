import { NextResponse } from 'next/server';

/**
 * An API address no route answers: a JSON 404, whatever the method. Without it the page
 * catch-all (app/(missing)) would answer API clients with an HTML page.
 */
function notFound() {
  return NextResponse.json({ error: 'There is no such API address.' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };

import { type NextRequest, NextResponse } from 'next/server';
import { isAppId } from '@/lib/apps/ids';
import { grantLabel } from '@/lib/dal/connections';
import { currentMember } from '@/lib/dal/session';
import { refreshWithin } from '@/lib/integrations/refresh-runner';
import { encodeNotice, type Notice } from '@/lib/integrations/notice';
import { completeAuthorization, isConnectError, type OAuthReturnTo, returnToOf } from '@/lib/integrations/oauth-flow';
import { appShortLabel } from '@/lib/apps/registry';
import { appOrigin, oauthRedirectUri } from '@/lib/integrations/provider-config';
import { isProviderError } from '@/lib/providers/errors';
import { countOf } from '@/lib/format/count';

const FIRST_FILL_WAIT_MS = 60_000;

/** The pages a round trip may return to (oauth_states.return_to): a fixed list, never a URL from the request. */
const RETURN_PATHS: Record<OAuthReturnTo, string> = { integrations: '/integrations', onboarding: '/onboarding' };

/**
 * Where XPM and Gusto send the admin back after consent. Checks the session, the role and
 * the single-use state before anything else; every outcome lands with a plain-language notice
 * on the page the flow started from (Integrations or the onboarding wizard's Connect step, as
 * the state row says), and a failure leaves no half-made connection. A state that is not
 * valid names no page, so its refusal lands on Integrations.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  const origin = appOrigin(request.headers, request.nextUrl.origin);
  let returnTo: OAuthReturnTo = 'integrations';
  const back = (notice: Notice) => {
    const url = new URL(RETURN_PATHS[returnTo], origin);
    url.searchParams.set('notice', encodeNotice(notice));
    return NextResponse.redirect(url, 303);
  };
  if (!isAppId(app)) return NextResponse.json({ error: 'Unknown app' }, { status: 404 });
  const member = await currentMember();
  if (!member) return NextResponse.redirect(new URL('/sign-in', origin), 303);
  if (member.role !== 'admin') return back({ tone: 'error', message: 'Only a practice admin can connect apps.' });

  const query = request.nextUrl.searchParams;
  const redirectUri = oauthRedirectUri(app, origin);
  let connectionId: string;
  let grantId: string;
  try {
    ({ connectionId, grantId, returnTo } = await completeAuthorization(
      member,
      app,
      { code: query.get('code'), state: query.get('state'), error: query.get('error') },
      redirectUri,
    ));
  } catch (error) {
    returnTo = returnToOf(error) ?? 'integrations';
    if (isConnectError(error)) return back({ tone: 'error', message: error.message, saysRetry: error.saysRetry });
    console.error(`[oauth] ${app} callback failed`, error instanceof Error ? error.message : error);
    return back({ tone: 'error', message: `Connecting ${appShortLabel(app)} failed because of an unexpected problem. Nothing was connected — please try again.`, saysRetry: true });
  }

  // The directory fills right away so the picker can use it. A first XPM fill (thousands of
  // clients) takes 5–20 s here, so the callback waits longer than "Refresh now" does, but not
  // forever: a slower fill carries on and its card shows it. A failure keeps the connection
  // and is shown on its card with "Refresh now".
  const answer = await refreshWithin(member.practiceId, { id: connectionId, app }, FIRST_FILL_WAIT_MS);
  if (answer.status === 'still_running') {
    return back({ tone: 'success', message: `${appShortLabel(app)} is connected. Its directory is still being filled; the result will appear on its card.` });
  }
  if (answer.status === 'failed') {
    const reason = isProviderError(answer.error) ? answer.error.message : 'an unexpected problem';
    return back({
      tone: 'error',
      message: `${appShortLabel(app)} is connected, but its directory could not be filled yet (${reason}). Use Refresh now to try again.`,
      saysRetry: true,
    });
  }
  if (app === 'xpm') return back({ tone: 'success', message: `XPM is connected. ${countOf(answer.outcome.fetched, 'client is', 'clients are')} in the XPM directory.` });
  const company = await grantLabel(member, grantId);
  return back({ tone: 'success', message: `Gusto is connected for ${company ? `“${company}”` : 'the company you chose'}. It is in the Gusto directory.` });
}

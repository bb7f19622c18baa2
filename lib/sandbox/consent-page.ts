/**
 * The providers' consent pages. Plain server-rendered HTML forms (no script), accessible by
 * keyboard and screen reader: a landmark, one heading, labelled controls in a fieldset, and
 * Allow/Deny as real buttons. The form posts back to the authorize path; tests may post the same
 * fields directly (consent_id, decision=allow|deny, tenant_id or company_uuid).
 */
import { escapeHtml as e } from './http';

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; background: #f4f6f8; color: #1b2631; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 2rem; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
  p, li { line-height: 1.5; }
  fieldset { border: 1px solid #c9d1d9; border-radius: 8px; margin: 1rem 0; padding: .75rem 1rem; max-height: 22rem; overflow: auto; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: flex; gap: .5rem; align-items: center; padding: .3rem 0; cursor: pointer; }
  input:focus-visible, button:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid #0b5cad; cursor: pointer; }
  .allow { background: #0b5cad; color: #fff; }
  .deny { background: #fff; color: #0b5cad; }
  .brand { font-size: .85rem; color: #4a5868; text-transform: uppercase; letter-spacing: .05em; }
  .sub { color: #4a5868; font-size: .9rem; }
`;

function layout(title: string, brand: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><main aria-labelledby="page-title"><p class="brand">${e(brand)} (sandbox)</p>${body}</main></body>
</html>`;
}

const XPM_SCOPE_TEXT: Record<string, string> = {
  practicemanager: 'View and manage your Practice Manager data',
  'practicemanager.read': 'View your Practice Manager data',
  'practicemanager.client': 'View and manage your Practice Manager clients and contacts',
  'practicemanager.client.read': 'View your Practice Manager clients and contacts',
  offline_access: 'Stay connected when you are not using the app',
  openid: 'Know who you are',
  profile: 'See your name',
  email: 'See your email address',
};

export function xpmConsentPage(p: { appName: string; scopes: string[]; tenants: { id: string; name: string }[]; consentId: string; action: string }): string {
  const scopes = p.scopes.map((s) => `<li>${e(XPM_SCOPE_TEXT[s] ?? s)} <span class="sub">(${e(s)})</span></li>`).join('');
  const tenants = p.tenants.map((t, i) => `<label><input type="radio" name="tenant_id" value="${e(t.id)}"${i === 0 ? ' checked' : ''} required> ${e(t.name)}</label>`).join('');
  return layout(
    `Allow ${p.appName} to access Xero Practice Manager`,
    'Xero',
    `<h1 id="page-title">${e(p.appName)} wants to access your Xero Practice Manager</h1>
<p>${e(p.appName)} will be able to:</p>
<ul>${scopes}</ul>
<form method="post" action="${e(p.action)}">
<input type="hidden" name="consent_id" value="${e(p.consentId)}">
<fieldset><legend>Practice to connect</legend>${tenants}</fieldset>
<div class="actions">
<button type="submit" class="allow" name="decision" value="allow">Allow access</button>
<button type="submit" class="deny" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`,
  );
}

export function gustoConsentPage(p: { appName: string; companies: { uuid: string; name: string }[]; consentId: string; action: string }): string {
  const companies = p.companies.map((c) => `<label><input type="radio" name="company_uuid" value="${e(c.uuid)}" required> ${e(c.name)}</label>`).join('');
  return layout(
    `Authorize ${p.appName} to access a Gusto company`,
    'Gusto',
    `<h1 id="page-title">Authorize ${e(p.appName)}</h1>
<p>${e(p.appName)} is requesting access to one of your companies: company details, locations, signatory and admins. Each authorization reaches one company; authorize again to connect another.</p>
<form method="post" action="${e(p.action)}">
<input type="hidden" name="consent_id" value="${e(p.consentId)}">
<fieldset><legend>Company to connect</legend>${companies}</fieldset>
<div class="actions">
<button type="submit" class="allow" name="decision" value="allow">Allow access</button>
<button type="submit" class="deny" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`,
  );
}

/** Errors that must not redirect (unknown client, bad redirect_uri, expired consent). */
export function errorPage(brand: string, title: string, message: string): string {
  return layout(title, brand, `<h1 id="page-title">${e(title)}</h1><p>${e(message)}</p>`);
}

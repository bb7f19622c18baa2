/**
 * Get through a consent page the way a browser would, for integration tests: load the page,
 * find its form, keep the hidden fields and the pre-selected (or first) radio of each group,
 * press the button whose text matches, and return where the app redirects us. No knowledge of
 * the sandbox's field names is built in, so the real page structure is what is tested.
 */
export interface ConsentOutcome {
  /** The redirect back to our callback (with code/state or error). */
  location: URL;
  /** The consent page's HTML, for assertions. */
  page: string;
}

export async function answerConsent(authorizeUrl: string, button: RegExp = /allow/i, choose?: Record<string, string>): Promise<ConsentOutcome> {
  const pageResponse = await fetch(authorizeUrl, { redirect: 'manual' });
  const page = await pageResponse.text();
  if (pageResponse.status !== 200) throw new Error(`Consent page answered HTTP ${pageResponse.status}`);
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page);
  if (!form) throw new Error('No form on the consent page');
  const attrs = form[1] ?? '';
  const inner = form[2] ?? '';
  const method = (attr(attrs, 'method') ?? 'get').toLowerCase();
  const action = new URL(decodeEntities(attr(attrs, 'action') ?? ''), pageResponse.url || authorizeUrl);

  const fields = new URLSearchParams();
  const radios = new Map<string, { value: string; checked: boolean }[]>();
  for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
    const a = input[1] ?? '';
    const name = attr(a, 'name');
    if (!name) continue;
    const type = (attr(a, 'type') ?? 'text').toLowerCase();
    const value = decodeEntities(attr(a, 'value') ?? '');
    if (type === 'radio') {
      const group = radios.get(name) ?? [];
      group.push({ value, checked: /\bchecked\b/i.test(a) });
      radios.set(name, group);
    } else if (type === 'hidden' || type === 'text') {
      fields.set(name, value);
    }
  }
  for (const [name, options] of radios) {
    const wanted = choose?.[name];
    const pick = wanted ? options.find((o) => o.value === wanted) : (options.find((o) => o.checked) ?? options[0]);
    if (pick) fields.set(name, pick.value);
  }
  const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)];
  const pressed = buttons.find((b) => button.test((b[2] ?? '').replace(/<[^>]+>/g, '')));
  if (!pressed) throw new Error(`No button matching ${button} on the consent page`);
  const buttonName = attr(pressed[1] ?? '', 'name');
  if (buttonName) fields.set(buttonName, decodeEntities(attr(pressed[1] ?? '', 'value') ?? ''));

  const answer =
    method === 'post'
      ? await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString(), redirect: 'manual' })
      : await fetch(`${action.origin}${action.pathname}?${fields.toString()}`, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status < 300 || answer.status >= 400 || !location) throw new Error(`Consent answer was not a redirect (HTTP ${answer.status})`);
  return { location: new URL(location, action), page };
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

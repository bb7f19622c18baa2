import { describe, expect, test } from 'vitest';
import { CLIENT_LINK_FILTERS, clientListHref, LINK_STATUS_OF, linkFilterLabel, linkFilterPhrase, parseLinkFilter, UPSTREAM_LINK_STATES, UPSTREAM_STATE_OF } from './link-filter';

describe('the client list filter by link', () => {
  test('offers any, none, each app and each app’s archived and deleted states, once each', () => {
    expect(CLIENT_LINK_FILTERS).toEqual(['any', 'none', 'xpm', 'gusto', 'xpm-archived', 'xpm-deleted', 'gusto-archived', 'gusto-deleted']);
  });

  test.each([
    ['any', { kind: 'any' }, 'Any app or none', '', '/clients'],
    ['none', { kind: 'none' }, 'No app', ' linked to no app', '/clients?link=none'],
    ['xpm', { kind: 'app', app: 'xpm', state: null }, 'XPM', ' linked to XPM', '/clients?link=xpm'],
    ['gusto-archived', { kind: 'app', app: 'gusto', state: 'archived' }, 'Archived in Gusto', ' linked to a record archived in Gusto', '/clients?link=gusto-archived'],
    ['xpm-deleted', { kind: 'app', app: 'xpm', state: 'deleted' }, 'Deleted in XPM', ' linked to a record deleted in XPM', '/clients?link=xpm-deleted'],
  ] as const)('%s', (filter, parsed, label, phrase, href) => {
    expect(parseLinkFilter(filter)).toEqual(parsed);
    expect(linkFilterLabel(filter)).toBe(label);
    expect(linkFilterPhrase(filter)).toBe(phrase);
    expect(clientListHref(filter)).toBe(href);
  });

  test('the stored link status and the upstream state map to each other; an active link has none', () => {
    for (const state of UPSTREAM_LINK_STATES) expect(UPSTREAM_STATE_OF[LINK_STATUS_OF[state]]).toBe(state);
    expect(UPSTREAM_STATE_OF.active).toBeNull();
  });
});

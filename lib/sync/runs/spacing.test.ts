import { describe, expect, test } from 'vitest';
import { differsOnlyInSpacing } from './spacing';

describe('differsOnlyInSpacing', () => {
  test.each([
    ['Pacific Engineering  Inc.', 'Pacific Engineering Inc.', true],
    ['Pacific Engineering Inc. ', 'Pacific Engineering Inc.', true],
    ['1 Quay St\nSydney', '1 Quay St Sydney', true],
    ['\tLevel 2', 'Level 2', true],
    ['Pacific Engineering Inc.', 'Pacific Engineering Inc.', false],
    ['Pacific Engineering Inc.', 'Pacific Engineering Inc', false],
    ['PacificEngineering', 'Pacific Engineering', false],
    ['a', null, false],
    [null, 'a', false],
    [null, null, false],
    ['', ' ', true],
  ])('%j → %j: %s', (before, after, expected) => {
    expect(differsOnlyInSpacing(before, after)).toBe(expected);
    expect(differsOnlyInSpacing(after, before)).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { type EnterKeyFacts, enterSaves } from './enter-saves';

const titleEnter: EnterKeyFacts = {
  key: 'Enter',
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  isComposing: false,
  defaultPrevented: false,
  target: { tagName: 'INPUT', type: 'text', role: null, inForm: false, readOnly: false },
};
const withTarget = (target: Partial<EnterKeyFacts['target']>): EnterKeyFacts => ({ ...titleEnter, target: { ...titleEnter.target, ...target } });

describe('enterSaves: Enter in the proposal editor saves as a form would', () => {
  test.each([
    ['Enter in the title (or a quantity or price)', titleEnter, true],
    ['Enter in a number field', withTarget({ type: 'number' }), true],
    ['another key', { ...titleEnter, key: 'a' }, false],
    ['Shift+Enter', { ...titleEnter, shiftKey: true }, false],
    ['Ctrl+Enter', { ...titleEnter, ctrlKey: true }, false],
    ['Alt+Enter', { ...titleEnter, altKey: true }, false],
    ['Cmd+Enter', { ...titleEnter, metaKey: true }, false],
    ['Enter committing an input method’s word', { ...titleEnter, isComposing: true }, false],
    ['Enter a nearer handler used (a description field)', { ...titleEnter, defaultPrevented: true }, false],
    ['the client picker’s combobox (Enter picks)', withTarget({ role: 'combobox' }), false],
    ['a field of "Create new client" (its own form submits)', withTarget({ inForm: true }), false],
    ['a read-only field (an accepted proposal)', withTarget({ readOnly: true }), false],
    ['a textarea', withTarget({ tagName: 'TEXTAREA', type: '' }), false],
    ['a button (Enter presses it)', withTarget({ tagName: 'BUTTON', type: 'submit' }), false],
    ['a checkbox', withTarget({ type: 'checkbox' }), false],
    ['a select', withTarget({ tagName: 'SELECT', type: '' }), false],
  ] as const)('%s → %s', (_name, facts, saves) => {
    expect(enterSaves(facts)).toBe(saves);
  });
});

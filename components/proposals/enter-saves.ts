/**
 * Whether Enter pressed in the proposal editor saves it, as Enter in a form's text field submits
 * the form (a trial pressed Enter in the title and nothing happened; only Ctrl+S saved). Only
 * a plain Enter, in a single-line text field of the editor's own, and only when nothing else
 * took it: the client picker's combobox picks with Enter, a form of its own inside the editor
 * ("Create new client") submits itself, a description field (a textarea) keeps Enter to itself,
 * and an input method composing a word uses Enter to commit it.
 */
export interface EnterKeyFacts {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** An input method editor is composing (Enter commits the word). */
  isComposing: boolean;
  /** A handler nearer the field already used the key. */
  defaultPrevented: boolean;
  target: {
    tagName: string;
    /** The input's type, lower-case. */
    type: string;
    role: string | null;
    /** Inside a <form> of its own, which submits on Enter by itself. */
    inForm: boolean;
    readOnly: boolean;
  };
}

/** Input types a form submits from on Enter: the single-line text fields. */
const TEXT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'password']);

export function enterSaves(facts: EnterKeyFacts): boolean {
  if (facts.key !== 'Enter' || facts.shiftKey || facts.ctrlKey || facts.altKey || facts.metaKey) return false;
  if (facts.isComposing || facts.defaultPrevented) return false;
  const { target } = facts;
  if (target.tagName !== 'INPUT' || !TEXT_TYPES.has(target.type)) return false;
  return target.role !== 'combobox' && !target.inForm && !target.readOnly;
}

/** The facts of a DOM keyboard event, for `enterSaves`. */
export function enterKeyFacts(event: KeyboardEvent): EnterKeyFacts {
  const el = event.target instanceof HTMLElement ? event.target : null;
  const input = el instanceof HTMLInputElement ? el : null;
  return {
    key: event.key,
    shiftKey: event.shiftKey,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    isComposing: event.isComposing,
    defaultPrevented: event.defaultPrevented,
    target: {
      tagName: el?.tagName ?? '',
      type: input?.type.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? null,
      inForm: input?.form != null,
      readOnly: input?.readOnly ?? false,
    },
  };
}

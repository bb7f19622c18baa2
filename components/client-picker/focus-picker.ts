/**
 * Puts keyboard focus back in the client picker's input, after the control that had it
 * went away ("Remove client", "Use this instead", the new client form's Cancel). Found by
 * attribute: the picker loads after the page, and this must not pull it into first load.
 */
export const PICKER_INPUT_ATTRIBUTE = 'data-client-picker-input';

export function focusClientPicker(): void {
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[${PICKER_INPUT_ATTRIBUTE}]`)?.focus());
}

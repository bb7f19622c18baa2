'use client';

import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useAnnouncement } from '@/components/ui/use-announcement';
import { useFocusAfterRender } from '@/components/ui/use-focus-after-render';
import { Field } from '@/components/ui/field';
import { GrowingText, Input } from '@/components/ui/input';
import { formatMoney } from '@/lib/money';
import { LOCKED_INPUT } from './locked-input';
import { emptyLine, type LineDraft, liveLineTotal, liveTotal, moveLine } from './editor-state';
import { charactersLeftHint } from '@/lib/forms/characters-left';
import { LINE_DESCRIPTION_MAX_LENGTH } from '@/lib/validation/proposal-limits';

/**
 * Service lines: add, edit, reorder (up/down buttons, so reordering works by keyboard and
 * is announced as a plain button press) and remove, with totals computed as you type by
 * lib/money in whole cents. Focus follows the line that moved, so the keyboard user
 * stays where they were.
 */
export function ServiceLinesEditor({
  lines,
  onChange,
  errors,
  readOnly,
}: {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors: Record<string, string[]>;
  readOnly: boolean;
}) {
  // Focusable controls by `${line key}:${control}`.
  const { register: registerControl, focusAfterRender } = useFocusAfterRender();
  const register = (key: string, control: 'description' | 'up' | 'down' | 'add') => registerControl(`${key}:${control}`);
  const [status, announce] = useAnnouncement();

  const update = (index: number, field: 'description' | 'quantity' | 'unitPrice', value: string) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, [field]: value } : line)));

  const move = (index: number, by: -1 | 1) => {
    const line = lines[index];
    if (!line) return;
    onChange(moveLine(lines, index, by));
    announce(`Line ${index + 1} moved to position ${index + 1 + by}.`);
    // A move button at the top or bottom is disabled: then its sibling.
    const [pressed, sibling] = by < 0 ? (['up', 'down'] as const) : (['down', 'up'] as const);
    focusAfterRender(`${line.key}:${pressed}`, `${line.key}:${sibling}`);
  };

  const remove = (index: number) => {
    const next = lines.filter((_, i) => i !== index);
    onChange(next);
    announce(`Line ${index + 1} removed.`);
    const neighbour = next[Math.min(index, next.length - 1)];
    focusAfterRender(neighbour ? `${neighbour.key}:description` : 'lines:add');
  };

  const add = () => {
    const line = emptyLine();
    onChange([...lines, line]);
    announce(`Line ${lines.length + 1} added.`);
    focusAfterRender(`${line.key}:description`);
  };

  const { totalCents, incomplete } = liveTotal(lines);

  return (
    <section aria-labelledby="lines-heading" className="space-y-3">
      <h2 id="lines-heading" className="text-base font-semibold text-slate-900">
        Service lines
      </h2>
      {errors.lines ? <p className="text-sm text-red-700">{errors.lines.join(' ')}</p> : null}
      {lines.length === 0 ? <p className="text-sm text-slate-700">No service lines yet. Add the services this proposal covers.</p> : null}
      <ol className="space-y-3">
        {lines.map((line, index) => {
          const n = index + 1;
          const lineTotal = liveLineTotal(line);
          const err = (field: string) => errors[`lines.${index}.${field}`];
          return (
            <li key={line.key}>
              <fieldset className="grid gap-3 rounded-md border border-slate-200 bg-white p-3 md:grid-cols-[minmax(0,1fr)_6rem_8rem_7rem_auto] md:items-start">
                <legend className="sr-only">Line {n}</legend>
                <Field
                  id={`line-${line.key}-description`}
                  label={
                    <>
                      <span className="sr-only">Line {n} </span>Description
                    </>
                  }
                  errors={err('description')}
                  hint={readOnly ? undefined : charactersLeftHint(line.description, LINE_DESCRIPTION_MAX_LENGTH)}
                >
                  {(p) => (
                    <GrowingText
                      {...p}
                      ref={register(line.key, 'description')}
                      value={line.description}
                      // A pasted line break would be refused on save: it becomes a space.
                      onChange={(e) => update(index, 'description', e.target.value.replace(/\r?\n/g, ' '))}
                      readOnly={readOnly}
                      className={LOCKED_INPUT}
                      autoComplete="off"
                    />
                  )}
                </Field>
                <Field
                  id={`line-${line.key}-quantity`}
                  label={
                    <>
                      <span className="sr-only">Line {n} </span>Quantity
                    </>
                  }
                  errors={err('quantity')}
                >
                  {(p) => (
                    <Input
                      {...p}
                      value={line.quantity}
                      onChange={(e) => update(index, 'quantity', e.target.value)}
                      readOnly={readOnly}
                      className={LOCKED_INPUT}
                      inputMode="decimal"
                      autoComplete="off"
                    />
                  )}
                </Field>
                <Field
                  id={`line-${line.key}-price`}
                  label={
                    <>
                      <span className="sr-only">Line {n} </span>Unit price ($)
                    </>
                  }
                  errors={err('unitPrice')}
                >
                  {(p) => (
                    <Input
                      {...p}
                      value={line.unitPrice}
                      onChange={(e) => update(index, 'unitPrice', e.target.value)}
                      readOnly={readOnly}
                      className={LOCKED_INPUT}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder="0.00"
                    />
                  )}
                </Field>
                <div className="space-y-1">
                  <span className="block text-sm font-medium text-slate-800" id={`line-${line.key}-total-label`}>
                    <span className="sr-only">Line {n} </span>Total
                  </span>
                  <output aria-labelledby={`line-${line.key}-total-label`} className="block py-2 text-right text-sm tabular-nums text-slate-900">
                    {lineTotal === null ? '—' : formatMoney(lineTotal)}
                  </output>
                </div>
                {readOnly ? null : (
                  <div className="flex gap-1 md:pt-6">
                    <Button variant="ghost" size="icon" ref={register(line.key, 'up')} onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move line ${n} up`}>
                      <ArrowUp aria-hidden className="size-4" />
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      ref={register(line.key, 'down')}
                      onClick={() => move(index, 1)}
                      disabled={index === lines.length - 1}
                      aria-label={`Move line ${n} down`}
                    >
                      <ArrowDown aria-hidden className="size-4" />
                    </Button>
                    <Button variant="ghost" size="icon" onClick={() => remove(index)} aria-label={`Remove line ${n}`}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {readOnly ? (
          <span />
        ) : (
          <Button variant="secondary" ref={register('lines', 'add')} onClick={add}>
            <Plus aria-hidden className="size-4" /> Add service line
          </Button>
        )}
        <p className="text-right text-base">
          <span className="font-medium text-slate-800">Total </span>
          <output className="font-semibold tabular-nums text-slate-900" aria-label="Proposal total">
            {formatMoney(totalCents)}
          </output>
          {incomplete > 0 ? (
            <span className="block text-xs text-slate-700">
              Not counting {incomplete} line{incomplete === 1 ? '' : 's'} without a valid quantity and price.
            </span>
          ) : null}
        </p>
      </div>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </section>
  );
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { twMerge } from 'tailwind-merge';
import { describe, expect, test } from 'vitest';
import { sourceBadgesClass } from '@/components/client-picker/source-badges';
import { alertVariants } from '@/components/ui/alert';
import { badgeVariants } from '@/components/ui/badge';
import { type ButtonProps, buttonVariants } from '@/components/ui/button';
import { cardTitleClass, cardVariants } from '@/components/ui/card';
import { fieldClass } from '@/components/ui/field';
import { growingTextClass, inputClass, selectClass } from '@/components/ui/input';
import { labelClass } from '@/components/ui/label';
import { tableScrollClass } from '@/components/ui/table-scroll';
import { type PropValue, type SourceFile, scanClassNames } from '@/test/class-name-scan';

/**
 * cn() joins classes and resolves no Tailwind conflicts (lib/cn.ts): where two classes set the
 * same thing (`p-5` and `p-0`), the stylesheet's order, not the code, would pick the winner.
 * tailwind-merge, here only as the judge, finds them: for every primitive's own classes, every
 * className the app gives a primitive (with the variants it asks for), and every cn() call, the
 * classes must come out of tailwind-merge unchanged.
 */

/** Every value of each variant; `satisfies` makes a new variant fail to compile until it is listed here. */
const BUTTON = {
  variant: Object.keys({ primary: 1, secondary: 1, danger: 1, ghost: 1 } satisfies Record<NonNullable<ButtonProps['variant']>, 1>),
  size: Object.keys({ sm: 1, md: 1, icon: 1 } satisfies Record<NonNullable<ButtonProps['size']>, 1>),
};
const BADGE = {
  tone: Object.keys({ neutral: 1, success: 1, warning: 1, danger: 1, info: 1 } satisfies Record<NonNullable<Parameters<typeof badgeVariants>[0]>['tone'] & string, 1>),
};
const ALERT = { tone: Object.keys({ error: 1, success: 1, info: 1, warning: 1 } satisfies Record<NonNullable<Parameters<typeof alertVariants>[0]>['tone'] & string, 1>) };
const CARD = {
  padding: Object.keys({ normal: 1, compact: 1, none: 1 } satisfies Record<NonNullable<Parameters<typeof cardVariants>[0]>['padding'] & string, 1>),
  tone: Object.keys({ plain: 1, attention: 1 } satisfies Record<NonNullable<Parameters<typeof cardVariants>[0]>['tone'] & string, 1>),
};

type Variants = Record<string, string[]>;
type Choice = Record<string, string | null | undefined>;

/** The variant combinations a use can render: its literal props as given, an expression as any value, an absent prop as the default. */
function choices(variants: Variants, props: Readonly<Record<string, PropValue>> = {}): Choice[] {
  return Object.entries(variants).reduce<Choice[]>(
    (acc, [name, values]) => {
      const given = props[name];
      const options = given === '*' ? values : [given];
      return acc.flatMap((choice) => options.map((option) => ({ ...choice, [name]: option })));
    },
    [{}],
  );
}

interface Primitive {
  module: string;
  /** The classes the primitive renders before the caller's className, for a use's props. */
  classes: (props?: Readonly<Record<string, PropValue>>) => string[];
}

const fixed = (module: string, classes: string): Primitive => ({ module, classes: () => [classes] });
const PRIMITIVES: Record<string, Primitive> = {
  Button: { module: '@/components/ui/button', classes: (props) => choices(BUTTON, props).map((c) => buttonVariants(c as Parameters<typeof buttonVariants>[0])) },
  Badge: { module: '@/components/ui/badge', classes: (props) => choices(BADGE, props).map((c) => badgeVariants(c as Parameters<typeof badgeVariants>[0])) },
  Alert: { module: '@/components/ui/alert', classes: (props) => choices(ALERT, props).map((c) => alertVariants(c as Parameters<typeof alertVariants>[0])) },
  Card: { module: '@/components/ui/card', classes: (props) => choices(CARD, props).map((c) => cardVariants(c as Parameters<typeof cardVariants>[0])) },
  CardTitle: fixed('@/components/ui/card', cardTitleClass),
  Label: fixed('@/components/ui/label', labelClass),
  TableScroll: fixed('@/components/ui/table-scroll', tableScrollClass),
  Field: fixed('@/components/ui/field', fieldClass),
  Input: fixed('@/components/ui/input', inputClass),
  GrowingText: fixed('@/components/ui/input', growingTextClass),
  Select: fixed('@/components/ui/input', selectClass),
  SourceBadges: fixed('@/components/client-picker/source-badges', sourceBadgesClass),
};
const MODULES = Object.fromEntries(Object.entries(PRIMITIVES).map(([name, p]) => [name, p.module]));
/** The primitives' own cn(base, className) calls: their bases are checked on their own, their classNames at each use. */
const PRIMITIVE_FILES = [...new Set(Object.values(MODULES))].map((m) => `${m.slice(2)}.tsx`);

/** The classes tailwind-merge would drop from `classes` (each a class another one later in the list overrides). */
function dropped(classes: string): string[] {
  const kept = new Set(twMerge(classes).split(' '));
  return classes.split(/\s+/).filter((c) => c && !kept.has(c));
}

/** Each place where the classes can conflict, with what tailwind-merge would drop. */
function conflicts(files: readonly SourceFile[]): string[] {
  const scan = scanClassNames(files, MODULES, PRIMITIVE_FILES);
  const found: string[] = [...scan.unreadable.map((u) => `unreadable: ${u}`)];
  for (const use of scan.uses)
    for (const base of PRIMITIVES[use.component]!.classes(use.props))
      for (const className of use.classNames) {
        const lost = dropped(`${base} ${className}`);
        if (lost.length) found.push(`${use.where} <${use.component} className="${className}"> overrides ${lost.join(' ')}`);
      }
  for (const call of scan.cnCalls) {
    const combinations = call.args.reduce<string[]>((acc, arg) => acc.flatMap((a) => arg.map((b) => `${a} ${b}`)), ['']);
    for (const classes of combinations) {
      const lost = dropped(classes.trim());
      if (lost.length) found.push(`${call.where} cn("${classes.trim()}") overrides ${lost.join(' ')}`);
    }
  }
  return [...new Set(found)];
}

function repositoryFiles(): SourceFile[] {
  const paths = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'app', 'components', 'lib'], { encoding: 'utf8' })
    .split('\n')
    .filter((p) => /\.tsx?$/.test(p) && !p.endsWith('.test.ts') && !p.endsWith('.test.tsx'));
  return paths.map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
}

describe('Tailwind classes never conflict (cn() does not resolve conflicts)', () => {
  test("no primitive's own classes conflict, in any variant", () => {
    // Every variant at every value ('*'), and each at its default (absent).
    const anyVariant = { variant: '*', size: '*', tone: '*', padding: '*' } as const;
    const all = Object.entries(PRIMITIVES).flatMap(([name, p]) => [...p.classes(), ...p.classes(anyVariant)].map((classes) => ({ name, classes })));
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter(({ classes }) => dropped(classes).length > 0)).toEqual([]);
  });

  test('no className the app gives a primitive, and no cn() call, holds conflicting classes', () => {
    const files = repositoryFiles();
    const scan = scanClassNames(files, MODULES, PRIMITIVE_FILES);
    // The scan found the app's uses (about 60 when this was written) and its cn() calls.
    expect(scan.uses.length).toBeGreaterThan(40);
    expect(scan.cnCalls.length).toBeGreaterThan(2);
    expect(conflicts(files)).toEqual([]);
  });

  // The judge itself: each case is a conflict it must catch, or a non-conflict it must let through.
  // The body starts on line 6 of app/page.tsx, after these lines.
  const HEADER = [
    "import { Card } from '@/components/ui/card';",
    "import { Button } from '@/components/ui/button';",
    "import { Badge } from '@/components/ui/badge';",
    "import { DANGER } from '@/components/tones';",
    "const TONE = { a: 'bg-sky-100', b: 'mt-1' };",
  ];
  const page = (body: string, header = HEADER): SourceFile[] => [
    { path: 'app/page.tsx', text: [...header, body].join('\n') },
    { path: 'components/tones.ts', text: "export const DANGER = 'bg-red-600 text-white';" },
  ];

  test.each([
    ['a padding class on a Card', '<Card className="p-0" />', 'app/page.tsx:6 <Card className="p-0"> overrides p-5'],
    ['a Card imported by a relative path', '<Card className="p-0" />', 'overrides p-5', ["import { Card } from '../components/ui/card';"]],
    ['a border colour on a Card', '<Card className="mb-4 border-amber-300" />', 'overrides border-slate-200'],
    ['one branch of a conditional', '<Card className={x ? "mt-2" : "p-2"} />', 'className="p-2"> overrides p-5'],
    ['a width at a size that sets one', '<Button size="icon" className="w-full" />', 'overrides w-9'],
    ['a width at any size, when the size is an expression', '<Button size={s} className="w-full" />', 'overrides w-9'],
    ['colours over a tone', '<Badge className="bg-sky-100 text-sky-900" />', 'overrides bg-slate-100 text-slate-800'],
    ['an imported constant', '<Badge tone="info" className={DANGER} />', 'overrides bg-brand-100 text-brand-800'],
    ['an indexed constant object', '<Badge className={TONE[t]} />', 'overrides bg-slate-100'],
    ['a className passed on by a component of the file', 'function Wrapped({ className }) { return <Card className={className} /> }\n<Wrapped className="p-3" />', 'overrides p-5'],
    ['two arguments of one cn() call that can hold together', "cn('bg-white', selected && 'bg-brand-50')", 'overrides bg-white'],
    ['a value computed at run time', '<Card className={pick()} />', 'unreadable: app/page.tsx:6'],
  ])('catches %s', (_name, body, expected, header = HEADER) => {
    expect(conflicts(page(body, header)).join('\n')).toContain(expected);
  });

  test.each([
    ['a margin on a Card', '<Card className="mt-4" />', HEADER],
    ['padding as the variant', '<Card padding="none" className="overflow-x-auto" />', HEADER],
    ['a width at the default size', '<Button className="w-full" />', HEADER],
    ['colours with no tone', '<Badge tone={null} className="bg-sky-100 text-sky-900" />', HEADER],
    ['a Card of another module', '<Card className="p-0" />', ["import { Card } from '@/components/other/card';"]],
    ['cn() alternatives that never hold together', "cn('px-2', on ? 'bg-brand-50' : 'bg-white')", HEADER],
  ])('lets through %s', (_name, body, header) => {
    expect(conflicts(page(body, header))).toEqual([]);
  });
});

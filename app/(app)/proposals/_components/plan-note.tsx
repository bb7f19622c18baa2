'use client';

import { SOURCE_LABEL } from '@/components/client-picker/source-badges';
import type { AdoptionAnswer, AdoptionPlan } from '@/lib/dal/client-picker/adopt-directory-record';
import type { Namesake, NumberDifference } from '@/lib/clients/picked-record-plan';
import type { AppId } from '@/lib/sync/canonical-client';

/**
 * Under a picked XPM client or Gusto company: what saving the proposal will do with it, and,
 * when clients here share its name, the question only the author can answer — which client it
 * is, or (when a number proves them other businesses) that it is a new one.
 */
export function PlanNote({
  app,
  plan,
  checking,
  error,
  answer,
  onAnswer,
  errorId,
}: {
  app: AppId;
  plan: AdoptionPlan | null;
  checking: boolean;
  error: string | null;
  answer: AdoptionAnswer;
  onAnswer: (answer: AdoptionAnswer) => void;
  /** The client field's error, when the save refused for want of an answer: the question points to it. */
  errorId: string | null;
}) {
  const label = SOURCE_LABEL[app];
  let body: React.ReactNode = null;
  if (error) body = <span className="text-red-700">{error}</span>;
  else if (checking || !plan) body = 'Checking whether this is already one of your clients…';
  else if (plan.kind === 'create') body = `Not yet a client here. Saving the proposal creates the client from ${label} and links them.`;
  else if (plan.kind === 'link_existing') {
    body = `Same name as your client “${plan.client.name}”. Saving links this ${label} record to that client — no new client is created. ${plan.linkEffect}`;
  } else if (plan.kind === 'choose') {
    body = (
      <>
        <NamesakeQuestion label={label} namesakes={plan.clients} canCreate={plan.canCreate} answer={answer} onAnswer={onAnswer} errorId={errorId} />
        <p className="mt-1 text-slate-700">If you link them: {plan.linkEffect}</p>
      </>
    );
  }
  // What saving will do is announced as it changes; a question is not (its radios are read as they take focus).
  const asking = !error && !checking && plan?.kind === 'choose';
  return (
    <div className="mt-2 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800" aria-live={asking ? undefined : 'polite'}>
      {body}
    </div>
  );
}

const NUMBER_WORD = { tax_number: 'tax', business_number: 'business' } as const;

function NamesakeQuestion({
  label,
  namesakes,
  canCreate,
  answer,
  onAnswer,
  errorId,
}: {
  label: string;
  namesakes: readonly Namesake[];
  canCreate: boolean;
  answer: AdoptionAnswer;
  onAnswer: (answer: AdoptionAnswer) => void;
  errorId: string | null;
}) {
  const [only] = namesakes;
  const oneApart = only && namesakes.length === 1 && only.differs ? only : null;
  // Numbers never break at their hyphens or spaces: "31-1042532" split over two lines reads as two.
  const legend = oneApart?.differs ? (
    <>
      Your client “{oneApart.name}” has this name, but a different {NUMBER_WORD[oneApart.differs.kind]} number: <span className="whitespace-nowrap">{oneApart.differs.here}</span>{' '}
      here, <span className="whitespace-nowrap">{oneApart.differs.inApp}</span> in {label}. They may be two businesses. Which is this {label} record?
    </>
  ) : (
    `${namesakes.length} of your clients have this name. Which one is this ${label} record?`
  );
  return (
    <fieldset aria-describedby={errorId ?? undefined} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      <div className="mt-1 space-y-1">
        {namesakes.map((client) => (
          <label key={client.id} className="flex items-center gap-2">
            <input
              type="radio"
              name="link-to-client"
              value={client.id}
              checked={answer.linkToClientId === client.id}
              onChange={() => onAnswer({ linkToClientId: client.id, createNew: false })}
            />
            {/* One span: the label is a flex row; the name and its numbers wrap as one text, not as separate items. */}
            {oneApart ? (
              `Your client “${client.name}”: link them`
            ) : (
              <span>
                {client.name} ({client.detail}){client.differs ? <Difference differs={client.differs} label={label} /> : null}
              </span>
            )}
          </label>
        ))}
        {canCreate ? (
          <label className="flex items-center gap-2">
            <input type="radio" name="link-to-client" value="new" checked={answer.createNew} onChange={() => onAnswer({ linkToClientId: null, createNew: true })} />
            {oneApart ? `Another business: create a new client from ${label}` : `None of them: create a new client from ${label}`}
          </label>
        ) : null}
      </div>
    </fieldset>
  );
}

/** ", business number 12-3456789 here, 31-1042532 in Gusto": each number kept on one line, as in the legend. */
function Difference({ differs, label }: { differs: NumberDifference; label: string }) {
  return (
    <>
      , {NUMBER_WORD[differs.kind]} number <span className="whitespace-nowrap">{differs.here}</span> here, <span className="whitespace-nowrap">{differs.inApp}</span> in {label}
    </>
  );
}

'use client';

import { LikelyDuplicateList } from '@/components/client-picker/likely-duplicate-list';
import { whatUsingItDoesText } from '@/components/proposals/used-instead';
import { SOURCE_LABEL } from '@/components/client-picker/source-badges';
import { alertVariants } from '@/components/ui/alert';
import type { AdoptionAnswer, AdoptionPlan } from '@/lib/dal/client-picker/adopt-directory-record';
import type { LikelyDuplicateClient, Namesake, NumberDifference } from '@/lib/clients/picked-record-plan';
import type { AppId } from '@/lib/sync/canonical-client';
import type { AppFlow } from '@/lib/clients/sync-section-text';

/**
 * Under a picked XPM client or Gusto company: what saving the proposal will do with it, and the
 * question only the author can answer — when clients here share its name, which client it is, or
 * (when a number proves them other businesses) that it is a new one; when clients here look like
 * it (another spelling, the same email or tax number), whether to use one of them instead (the
 * author's word that this record is that client) or to create it as a new client.
 */
export function PlanNote({
  app,
  plan,
  checking,
  error,
  answer,
  onAnswer,
  onUseInstead,
  errorId,
}: {
  app: AppId;
  plan: AdoptionPlan | null;
  checking: boolean;
  error: string | null;
  answer: AdoptionAnswer;
  onAnswer: (answer: AdoptionAnswer) => void;
  /**
   * "Use this instead": the proposal's client becomes that client, and saving links the picked
   * record to it unless it has a record of this app already (components/proposals/used-instead.ts).
   */
  onUseInstead: (duplicate: LikelyDuplicateClient, despiteDifferentNumber: boolean) => void;
  /** The client field's error, when the save refused for want of an answer: the question points to it. */
  errorId: string | null;
}) {
  const label = SOURCE_LABEL[app];
  const duplicates = !error && plan?.kind === 'create' ? plan.duplicates : [];
  let body: React.ReactNode = null;
  if (error) body = <span className="text-red-700">{error}</span>;
  // Asked again for the same pick (after a refused save), the question on the page stays until
  // the new plan replaces it: unmounting its radios while the summary's link focuses one lost focus.
  else if (!plan) body = 'Checking whether this is already one of your clients…';
  else if (plan.kind === 'create' && duplicates.length > 0) {
    body = (
      <DuplicateQuestion
        app={app}
        label={label}
        flow={plan.flow}
        duplicates={duplicates}
        createNew={answer.createNew}
        onAnswer={onAnswer}
        onUseInstead={onUseInstead}
        errorId={errorId}
      />
    );
  } else if (plan.kind === 'create') body = `Not yet a client here. ${createsText(label)}`;
  else if (plan.kind === 'link_existing') {
    body = `Same name as your client “${plan.client.name}”. Saving links this ${label} record to that client — no new client is created. ${plan.linkEffect}`;
  } else if (plan.kind === 'choose' && takenApartAlone(plan.clients)) {
    body = <TakenApartQuestion label={label} namesake={takenApartAlone(plan.clients)!} linkEffect={plan.linkEffect} answer={answer} onAnswer={onAnswer} errorId={errorId} />;
  } else if (plan.kind === 'choose') {
    body = (
      <>
        <NamesakeQuestion label={label} namesakes={plan.clients} canCreate={plan.canCreate} answer={answer} onAnswer={onAnswer} errorId={errorId} />
        <p className="mt-1 text-slate-700">If you link them: {plan.linkEffect}</p>
      </>
    );
  }
  // What saving will do is announced as it changes; a question is not (its radios are read as they take focus).
  // The look-alikes are a list of clients with buttons: what is heard is one sentence saying they are there.
  const asking = !error && (plan?.kind === 'choose' || duplicates.length > 0);
  return (
    <div className="mt-2 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800" aria-live={asking ? undefined : 'polite'} aria-busy={checking || undefined}>
      {body}
      <p className="sr-only" role="status">
        {duplicates.length > 0 ? duplicatesStatus(label, duplicates.length, answer.createNew) : ''}
      </p>
    </div>
  );
}

function duplicatesLegend(label: string, count: number): string {
  return count === 1 ? `This ${label} record may be a client you already have:` : `This ${label} record may be one of ${count} clients you already have:`;
}

/** What is heard of the look-alikes: that they are there and saving waits, then, once the box is ticked, what saving does. */
function duplicatesStatus(label: string, count: number, createNew: boolean): string {
  return createNew ? createsText(label) : `${duplicatesLegend(label, count)} Saving waits until you use one of them instead, or say it is a new client.`;
}

function createsText(label: string): string {
  return `Saving the proposal creates the client from ${label} and links them.`;
}

/**
 * Clients that look like the picked record, as the new client form shows them, each with "Use
 * this instead"; and the other answer, "it is a new client", without which saving creates nothing
 * (the server refuses it too: lib/dal/client-picker/adopt-directory-record.ts).
 */
function DuplicateQuestion({
  app,
  label,
  flow,
  duplicates,
  createNew,
  onAnswer,
  onUseInstead,
  errorId,
}: {
  app: AppId;
  label: string;
  flow: AppFlow | null;
  duplicates: readonly LikelyDuplicateClient[];
  createNew: boolean;
  onAnswer: (answer: AdoptionAnswer) => void;
  onUseInstead: (duplicate: LikelyDuplicateClient, despiteDifferentNumber: boolean) => void;
  errorId: string | null;
}) {
  return (
    // The amber of the new client form's warning; a plain div, not the Alert (a status region would read out every button).
    <div className={alertVariants({ tone: 'warning', className: 'px-3' })}>
      <fieldset data-client-question tabIndex={-1} className="rounded-sm" aria-describedby={errorId ?? undefined} aria-invalid={errorId ? true : undefined}>
        <legend className="font-medium">{duplicatesLegend(label, duplicates.length)}</legend>
        <LikelyDuplicateList
          duplicates={duplicates}
          keyOf={(d) => d.id}
          onUseInstead={onUseInstead}
          whatUsingItDoes={(d) => whatUsingItDoesText(app, d.linkable, flow)}
          comparedWith={{ label, of: (d) => d }}
        />
        <label className="mt-3 flex items-start gap-2 text-slate-900">
          <input
            type="checkbox"
            className="mt-1"
            checked={createNew}
            // The answer holds for the clients shown here; the save refuses it if the question now names others.
            onChange={(event) => onAnswer({ linkToClientId: null, createNew: event.target.checked, shownClientIds: event.target.checked ? duplicates.map((d) => d.id) : [] })}
          />
          <span>It is a new client: create it from {label} when the proposal is saved</span>
        </label>
        <p className="mt-1 text-slate-800">
          {createNew
            ? createsText(label)
            : duplicates.length === 1
              ? 'Use that client instead, or say it is a new client: saving waits for your answer.'
              : 'Use one of them instead, or say it is a new client: saving waits for your answer.'}
        </p>
      </fieldset>
    </div>
  );
}

/** The one namesake, when nothing but its having been taken apart from the record stops its link by name. */
function takenApartAlone(namesakes: readonly Namesake[]): Namesake | null {
  const [only] = namesakes;
  return only && namesakes.length === 1 && only.differs === null && only.takenApart ? only : null;
}

/**
 * The one client with the record's name, once linked to it and taken apart since (a user trial: an
 * admin undid the run that linked them, and the editor still said "Saving links this Gusto record
 * to that client"). Syncs no longer link them by name, so the picker does not either: it says what
 * happened and links them again only on the author's word, a person's link as the undo allows.
 * A checkbox (named as the namesake radios are, so the pick's focus hand-off finds it).
 */
function TakenApartQuestion({
  label,
  namesake,
  linkEffect,
  answer,
  onAnswer,
  errorId,
}: {
  label: string;
  namesake: Namesake;
  linkEffect: string;
  answer: AdoptionAnswer;
  onAnswer: (answer: AdoptionAnswer) => void;
  errorId: string | null;
}) {
  const linking = answer.linkToClientId === namesake.id;
  return (
    <fieldset aria-describedby={errorId ?? undefined} aria-invalid={errorId ? true : undefined}>
      <legend>
        {namesake.takenApart} Syncs no longer link them by name, though they share it. Is this {label} record your client “{namesake.name}”?
      </legend>
      <label className="mt-1 flex items-start gap-2 text-slate-900">
        <input
          type="checkbox"
          name="link-to-client"
          className="mt-1"
          checked={linking}
          onChange={(event) => onAnswer({ linkToClientId: event.target.checked ? namesake.id : null, createNew: false, shownClientIds: [] })}
        />
        <span>Yes, it is “{namesake.name}”: link them again</span>
      </label>
      <p className="mt-1 text-slate-700" aria-live="polite">
        {linking
          ? `Saving links them again. ${linkEffect}`
          : `Saving waits for your answer. If they are two businesses, pick your client “${namesake.name}” itself, or another client, instead of this ${label} record: that links nothing.`}
      </p>
    </fieldset>
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
              onChange={() => onAnswer({ linkToClientId: client.id, createNew: false, shownClientIds: [] })}
            />
            {/* One span: the label is a flex row; the name and its numbers wrap as one text, not as separate items. */}
            {oneApart ? (
              `Your client “${client.name}”: link them`
            ) : (
              <span>
                {client.name} ({client.detail}){client.differs ? <Difference differs={client.differs} label={label} /> : null}
                {client.takenApart ? ` — ${client.takenApart}` : null}
              </span>
            )}
          </label>
        ))}
        {canCreate ? (
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="link-to-client"
              value="new"
              checked={answer.createNew}
              onChange={() => onAnswer({ linkToClientId: null, createNew: true, shownClientIds: namesakes.map((c) => c.id) })}
            />
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

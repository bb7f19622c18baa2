import { asArray, isXmlObject, text, type XmlObject, type XmlValue } from './xml';

/** A job as XPM answers it (JobDto), reduced to what Practice Sync shows and keys on. */
export interface XpmJob {
  /** The job number, e.g. `J000123`. */
  id: string;
  uuid: string | null;
  name: string;
  description: string | null;
  clientUuid: string | null;
  clientName: string | null;
  state: string | null;
  /** `YYYY-MM-DD`, or null when XPM sent none. */
  startDate: string | null;
  dueDate: string | null;
  /** The job's page in XPM's web app (`WebUrl`), when given. */
  webUrl: string | null;
}

/** One `<Job>`; null when it has no job number (it could not be shown or linked). */
export function mapXpmJob(value: XmlValue | undefined): XpmJob | null {
  if (!isXmlObject(value)) return null;
  const id = text(value.ID);
  if (!id) return null;
  const client = isXmlObject(value.Client) ? value.Client : undefined;
  return {
    id,
    uuid: text(value.UUID),
    name: text(value.Name) ?? id,
    description: text(value.Description),
    clientUuid: text(client?.UUID),
    clientName: text(client?.Name),
    state: text(value.State),
    startDate: day(text(value.StartDate)),
    dueDate: day(text(value.DueDate)),
    webUrl: webLink(text(value.WebUrl)),
  };
}

/** The jobs of a `job.api/client/{uuid}` answer (`<Jobs><Job>…</Job></Jobs>`). */
export function mapXpmJobs(envelope: XmlObject): XpmJob[] {
  const jobs = isXmlObject(envelope.Jobs) ? envelope.Jobs.Job : undefined;
  return asArray(jobs).flatMap((j) => {
    const job = mapXpmJob(j);
    return job ? [job] : [];
  });
}

/** Only an http(s) address is ever shown as a link. */
function webLink(value: string | null): string | null {
  return value && /^https?:\/\//.test(value) ? value : null;
}

function day(value: string | null): string | null {
  const m = value ? /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Email · city · tax number ending: enough to tell "Harbour Dental" from "Harbour Dental". */
export function ClientDetails({ email, city, taxNumberEnding }: { email: string | null; city: string | null; taxNumberEnding?: string | null }) {
  const parts = [email, city, taxNumberEnding ? `Tax no. ending ${taxNumberEnding}` : null].filter(Boolean);
  if (parts.length === 0) return <span className="text-slate-600">No email, city or tax number</span>;
  return <span className="text-slate-700">{parts.join(' · ')}</span>;
}

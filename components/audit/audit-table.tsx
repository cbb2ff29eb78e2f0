import { formatUtc } from "@/components/contacts/contacts-table";

type Entry = {
  id: number;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ip: string | null;
};

const actionLabels: Record<string, string> = {
  "contact.erase": "Erased a contact's personal data",
  "contact.certificate": "Downloaded a consent certificate",
  "events.export": "Exported consent events",
  "member.invite": "Invited a member",
  "member.role": "Changed a member's role",
  "member.remove": "Removed a member",
  "password.reset-link": "Made a password reset link",
  "password.reset": "Set a new password with a reset link",
  "member.join": "Joined by invitation",
  "ledger.verify": "Verified the ledger",
  "settings.profile": "Changed the business profile",
  "category.create": "Added a message category",
  "category.update": "Changed a category's wording",
  "category.retire": "Retired a message category",
  "category.unretire": "Brought back a message category",
  "api-key.create": "Created an API key",
  "api-key.revoke": "Revoked an API key",
};

function detailText(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}

export function AuditTable({ entries }: { entries: Entry[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Staff actions, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Who</th>
            <th scope="col" className="px-4 py-3">What</th>
            <th scope="col" className="px-4 py-3">Detail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatUtc(e.createdAt)}</td>
              <td className="px-4 py-3">
                {e.actorLabel}
                {e.ip && <span className="block text-xs text-slate-500">{e.ip}</span>}
              </td>
              <td className="px-4 py-3 font-medium text-slate-900">
                {actionLabels[e.action] ?? e.action}
                {e.targetId && <span className="block break-all font-mono text-xs font-normal text-slate-500">{e.targetType} {e.targetId}</span>}
              </td>
              <td className="break-words px-4 py-3 text-slate-700">{detailText(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { formatUtc } from "@/components/contacts/contacts-table";
import { DataTable } from "@/components/ui/data-table";

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
  "contact.consent-record": "Downloaded an ISO/IEC TS 27560 consent record",
  "events.export": "Exported consent events",
  "member.invite": "Invited a member",
  "member.role": "Changed a member's role",
  "member.remove": "Removed a member",
  "password.reset-link": "Made a password reset link",
  "password.reset": "Set a new password with a reset link",
  "member.join": "Joined by invitation",
  "ledger.verify": "Verified the ledger",
  "ledger.export": "Exported the ledger as a proof",
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
    <DataTable caption="Staff actions, newest first" columns={["When", "Who", "What", "Detail"]} alignTop>
      {entries.map((e) => (
        <tr key={e.id}>
          <td className="whitespace-nowrap text-slate-600">{formatUtc(e.createdAt)}</td>
          <td>
            {e.actorLabel}
            {e.ip && <span className="block text-xs text-slate-500">{e.ip}</span>}
          </td>
          <td className="font-medium text-slate-900">
            {actionLabels[e.action] ?? e.action}
            {e.targetId && (
              <span className="block break-all font-mono text-xs font-normal text-slate-500">
                {e.targetType} {e.targetId}
              </span>
            )}
          </td>
          <td className="break-words text-slate-700">{detailText(e.detail)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

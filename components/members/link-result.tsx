"use client";
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import type { Delivery } from "@/lib/mail/mailer";
import { ActionMessage } from "@/components/ui/action-form-state";
import { Alert } from "@/components/ui/alert";

/**
 * The outcome of making an invitation link: whether it was emailed, then the link in full (built by the server on
 * the app's public address) to copy and send on, even when emailed, since mail can be slow or land in spam. Only
 * invitations come here: a password reset link is never shown to an admin (lib/members/actions.ts).
 */
export function LinkResult({ result, label }: { result: ActionResult | null; label: string }) {
  if (!result?.ok) return <ActionMessage result={result} />;
  const url = result.data?.url as string;
  const delivery = result.data?.delivery as Delivery;
  return (
    <div className="space-y-2">
      <Alert tone={delivery === "failed" ? "warning" : "success"}>{result.message}</Alert>
      <CopyableLink key={url} url={url} label={label} />
    </div>
  );
}

function CopyableLink({ url, label }: { url: string; label: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-emerald-900">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input id={id} readOnly value={url} className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
          className="rounded border border-emerald-400 bg-white px-2 text-sm font-medium text-emerald-900"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

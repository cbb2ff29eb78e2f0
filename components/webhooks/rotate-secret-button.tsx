"use client";
import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-form-state";
import { buttonClass } from "@/components/ui/button";
import { SecretResult } from "@/components/ui/secret-result";
import type { FormAction } from "@/components/ui/use-validated-action";

/** Makes a new signing secret after asking, and shows it this once. */
export function RotateSecretButton({ action, workspace, endpointId }: { action: FormAction; workspace: string; endpointId: string }) {
  const [result, formAction, pending] = useActionState(action, null);
  const secret = result?.ok ? (result.data as { secret?: string } | undefined)?.secret : undefined;
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (secret && secret !== dismissed) {
    return (
      <SecretResult id="rotated-secret" label="New signing secret" value={secret} what="secret" onDone={() => setDismissed(secret)}>
        {result?.ok && result.message}
      </SecretResult>
    );
  }
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (
          !window.confirm(
            "Make a new signing secret?\n\nFor 24 hours deliveries are signed with both the old and the new secret; after that only the new one works.",
          )
        )
          e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Rotating…" : "Rotate signing secret"}
      </button>
      {result && !result.ok && <ActionMessage result={result} />}
    </form>
  );
}

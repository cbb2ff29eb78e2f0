"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import { ActionMessage } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";

type Props = {
  action: (previous: ActionResult | null, data: FormData) => Promise<ActionResult>;
  workspace: string;
  jobId: string;
  label: string;
};

export function StartImportButton({ action, workspace, jobId, label }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="jobId" value={jobId} />
      {result && !result.ok && <ActionMessage result={result} />}
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : label}
      </Button>
    </form>
  );
}

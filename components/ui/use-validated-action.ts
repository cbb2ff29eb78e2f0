"use client";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { formDataToObject } from "@/lib/handlers/form-data";
import type { ActionResult } from "@/lib/handlers/workspace-action";

export type FormAction = (previous: ActionResult | null, data: FormData) => Promise<ActionResult>;

type Options = {
  /** Names that are always arrays (checkbox groups), as in the action's definition. */
  arrays?: readonly string[];
  resetOnSuccess?: boolean;
  /** Called once for each new answer, client-side or from the server. */
  onResult?: (result: ActionResult) => void;
};

/**
 * A server action behind a form that first checks the input with the same zod schema the server uses, so
 * mistakes show at once. Submitting through onSubmit (not the form's action) keeps what the person typed
 * when the server refuses it; the action attribute stays for submits before the page has hydrated.
 */
export function useValidatedAction(schema: z.ZodType, action: FormAction, options: Options = {}) {
  const [serverResult, formAction, pending] = useActionState(action, null);
  const [clientResult, setClientResult] = useState<ActionResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const handled = useRef<ActionResult | null>(null);
  // While a submit is on its way, the previous answer is stale: show only a fresh client-side one.
  const result = clientResult ?? (pending ? null : serverResult);

  // biome-ignore lint/correctness/useExhaustiveDependencies: options are read when an answer arrives; a new options object each render must not re-run this
  useEffect(() => {
    // Act on each answer once: an old success shown again must not clear what the person has typed since.
    if (!result || handled.current === result) return;
    handled.current = result;
    options.onResult?.(result);
    if (result.ok && options.resetOnSuccess) formRef.current?.reset();
    // Take keyboard and screen-reader users to the first field at fault.
    if (!result.ok) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [result]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = schema.safeParse(formDataToObject(data, options.arrays));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: i.path.map(String).join("."), code: i.code, message: i.message }));
      setClientResult({ ok: false, code: "validation_failed", message: "Check the highlighted fields.", fields });
      return;
    }
    setClientResult(null);
    startTransition(() => formAction(data));
  }

  return { result, formAction, onSubmit, pending, formRef };
}

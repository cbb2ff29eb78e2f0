import type { ActionResult } from "@/lib/handlers/workspace-action";
import { Alert } from "./alert";

/** The outcome of a dashboard action: a success note, or the error with its field list. */
export function ActionMessage({ result }: { result: ActionResult | null }) {
  if (!result) return null;
  if (result.ok) return <Alert tone="success">{result.message}</Alert>;
  return <Alert tone="error">{result.message}</Alert>;
}

export function fieldError(result: ActionResult | null, field: string): string | undefined {
  if (!result || result.ok) return undefined;
  return result.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

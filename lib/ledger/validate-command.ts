import type { z } from "zod";
import { ValidationError, type FieldError } from "../errors";
import { assertStorable } from "../db/storable-text";
import { fieldErrorsFrom } from "../validation/field-errors";
import { evidenceSchemas, ledgerCommandSchema, type Evidence, type LedgerCommand } from "./types";

export type ValidCommand = Omit<z.output<typeof ledgerCommandSchema>, "evidence"> & { evidence: Evidence };

const CLOCK_SKEW_MS = 5 * 60_000;

/** Everything about a command that can be checked without the database. */
export function validateCommand(input: LedgerCommand, now: Date): ValidCommand {
  assertStorable(input, "command");
  const parsed = ledgerCommandSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  const command = parsed.data;
  const fields: FieldError[] = [];
  if (command.phone === undefined && !command.bsuid)
    fields.push({ field: "phone", code: "required", message: "give the phone number (or the WhatsApp user ID)" });

  const evidence = evidenceSchemas[command.channel].safeParse(command.evidence);
  if (!evidence.success) fields.push(...fieldErrorsFrom(evidence.error, "evidence"));

  const needsForm = command.action === "opt_in" && ["web", "sms", "whatsapp", "ivr", "paper"].includes(command.channel);
  if (needsForm && !command.formVersionId) {
    fields.push({
      field: "formVersionId",
      code: "required",
      message: `an opt-in by ${command.channel} must name the form version whose wording the person was given`,
    });
  }
  if (command.channel === "web") {
    if (!command.network?.ip) fields.push({ field: "network.ip", code: "required", message: "web events need the IP address" });
    if (!command.network?.userAgent) {
      fields.push({ field: "network.userAgent", code: "required", message: "web events need the user agent" });
    }
  }
  if (command.channel === "staff") {
    if (!command.note) fields.push({ field: "note", code: "required", message: "staff entries need a note saying why" });
    // An erasure run by the operator (the CLI, a script) has no staff member to name; the system does it.
    const erasureBySystem = command.actor.type === "system" && evidence.success && "source" in evidence.data && evidence.data.source === "erasure";
    if (command.actor.type !== "staff" && !erasureBySystem) {
      fields.push({ field: "actor", code: "invalid", message: "staff entries must name the staff member" });
    }
  }
  if (command.action !== "opt_in" && command.optInLevel) {
    fields.push({ field: "optInLevel", code: "invalid", message: "only an opt-in has an opt-in level" });
  }
  if (command.occurredAt && command.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    fields.push({ field: "occurredAt", code: "in_future", message: "cannot be in the future" });
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return { ...command, categories: [...new Set(command.categories)], evidence: evidence.data as Evidence };
}

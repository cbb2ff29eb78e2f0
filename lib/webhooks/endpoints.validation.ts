import { z } from "zod";
import { plainText } from "../validation/plain-text";
import { endpointUrlSyntaxProblem } from "./target-url";
import { webhookTopics } from "./topics";

const id = (what: string) => z.string().uuid(`Reload the page: that ${what} is not known.`);

/** URL rules shared by the browser (for instant feedback) and the server; the server adds its network policy. */
const endpointFields = {
  workspace: z.string(),
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL your system receives webhooks at.")
    .max(2000, "Use at most 2,000 characters.")
    .superRefine((value, ctx) => {
      const problem = endpointUrlSyntaxProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  description: plainText(null, 200),
  topics: z
    .array(z.enum(webhookTopics, { message: "Reload the page: an unknown event type was sent." }))
    .min(1, "Choose at least one kind of event to send.")
    .transform((list) => [...new Set(list)]),
};

export const createEndpointSchema = z.object(endpointFields);
export const updateEndpointSchema = z.object({ ...endpointFields, endpointId: id("endpoint") });
export const endpointRefSchema = z.object({ workspace: z.string(), endpointId: id("endpoint") });
export const endpointStatusSchema = endpointRefSchema.extend({ status: z.enum(["active", "disabled"], { message: "Reload the page and try again." }) });
export const redeliverSchema = z.object({ workspace: z.string(), deliveryId: id("delivery") });

import { RETRY_DELAYS_SECONDS } from "@/lib/webhooks/retry-schedule";

const wait = (s: number) => (s < 60 ? `${s} s` : s < 3600 ? `${s / 60} min` : `${s / 3600} h`);
const totalDays = (RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 86_400).toFixed(0);

/** How the receiving system checks a delivery: the Standard Webhooks scheme, with a snippet to copy. */
export function VerifyHelp() {
  const snippet = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received, before JSON parsing.
function isFromAssent(headers, rawBody, secret /* whsec_… */) {
  const id = headers["webhook-id"], ts = headers["webhook-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false; // replayed?
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = Buffer.from(createHmac("sha256", key).update(\`\${id}.\${ts}.\${rawBody}\`).digest("base64"));
  return headers["webhook-signature"].split(" ").some((s) => {
    const sig = Buffer.from(s.split(",")[1] ?? "");
    return sig.length === expected.length && timingSafeEqual(sig, expected);
  });
}`;
  return (
    <div className="space-y-3 text-sm text-slate-700">
      <p>
        Each delivery is a <code className="font-mono">POST</code> with a JSON body <code className="font-mono">{"{ type, timestamp, data }"}</code>, signed as
        the{" "}
        <a href="https://www.standardwebhooks.com/" className="text-brand-800 underline hover:no-underline">
          Standard Webhooks
        </a>{" "}
        specification gives it, so its libraries for any language can check it. The headers are <code className="font-mono">webhook-id</code> (the same on every
        retry), <code className="font-mono">webhook-timestamp</code> and <code className="font-mono">webhook-signature</code>.
      </p>
      <p>
        Deliveries are at least once: the same message can arrive twice (a retry after your answer was too slow, or a restart of Assent while it was being
        sent), so drop duplicates by <code className="font-mono">webhook-id</code>. They can also arrive out of order; each event&apos;s{" "}
        <code className="font-mono">seq</code> counts up per number.
      </p>
      <p>
        Answer with any 2xx status within 10 seconds. Anything else is retried after {RETRY_DELAYS_SECONDS.map(wait).join(", ")} (about {totalDays} days in
        all); then the delivery is marked failed and waits in the log for you to send it again.
      </p>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{snippet}</pre>
    </div>
  );
}

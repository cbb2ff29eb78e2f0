import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * The bench's "bare Next.js page": server-rendered text and nothing of its own on the client, so the JavaScript
 * it loads is what Next.js and the root layout ship to every page. The hosted form's JavaScript is measured
 * against it in the same build. Not found unless the bench starts the server with ASSENT_BENCH_ROUTES=1.
 */
export default function BareBenchPage() {
  if (env().ASSENT_BENCH_ROUTES !== "1") notFound();
  return (
    <main className="p-4">
      <h1>Bare page</h1>
    </main>
  );
}

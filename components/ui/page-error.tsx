"use client";

import { unstable_isUnrecognizedActionError } from "next/navigation";
import { useEffect, useState } from "react";
import { pageErrorText } from "@/lib/i18n/page-updated";
import { Button } from "./button";

/**
 * The error boundary's page. A form opened under one build and sent to another fails because the server no longer
 * knows the form's action id; the person is told plainly that nothing was saved and to reload, instead of seeing a
 * framework error. Anything else gets a plain message; details never reach the page.
 */
export function PageError({ error }: { error: Error }) {
  const [lang, setLang] = useState<string | undefined>(undefined);
  useEffect(() => setLang(document.documentElement.lang || undefined), []);
  const text = pageErrorText(lang);
  const updated = unstable_isUnrecognizedActionError(error);
  return (
    <main className="mx-auto max-w-lg px-4 py-16" role="alert">
      <h1 className="text-2xl font-semibold text-slate-900">{updated ? text.updatedTitle : text.otherTitle}</h1>
      <p className="mt-3 text-base text-slate-700">{updated ? text.updatedBody : text.otherBody}</p>
      <Button type="button" className="mt-6" onClick={() => window.location.reload()}>
        {text.reload}
      </Button>
    </main>
  );
}

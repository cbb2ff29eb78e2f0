import { figure, type Figure } from "./figures";
import type { HttpBenchSetup } from "./http-setup";
import { bareCommit, detailOf, durableCommitFloor } from "./api";
import { formSubmitted, hostedFormPost, loadHostedForm } from "./form-submission";
import { javascriptFigure, lighthouseFigures } from "./page-figures";
import { preparedTask } from "./prepared";
import { alternate, requestsFor } from "./stats";

/** Visitors are numbered across the whole run, so no two submissions share a number or a client address. */
let visitors = 0;

/**
 * The hosted opt-in page: submissions as a browser sends them, against the bare server's one durable commit (the
 * floor under any write, bench/bare-server.ts); Lighthouse's mobile scores; and the page's JavaScript beside a bare
 * page of the same build.
 */
export async function hostedFormFigures(
  s: HttpBenchSetup,
  options: { requests: number; rounds: number; lighthouseRuns: number; log: (line: string) => void },
): Promise<Figure[]> {
  const pageUrl = `${s.app.base}/f/${s.fx.workspace.slug}/join`;
  const form = await loadHostedForm(pageUrl);
  const commit = bareCommit(s);
  const figures: Figure[] = [];
  for (const concurrency of [1, 16]) {
    const rounds = { rounds: options.rounds, total: options.requests };
    const submit = preparedTask(requestsFor(rounds), () => hostedFormPost(form, visitors++), formSubmitted);
    const r = await alternate({ ...rounds, concurrency }, submit, commit);
    figures.push(
      figure({
        figure: "hosted form submission (no-JS POST)",
        database: s.kind,
        value: r.app.perSecond,
        unit: "requests/s",
        baseline: { label: durableCommitFloor, value: r.baseline.perSecond },
        target: concurrency === 16 ? { ratio: { atLeast: 0.3 } } : {},
        detail: detailOf(concurrency, r.app, r.baseline),
      }),
    );
    options.log(`  ${s.kind} form submissions, ${concurrency} clients: ${r.app.perSecond.toFixed(0)}/s vs ${r.baseline.perSecond.toFixed(0)}/s`);
  }
  figures.push(...(await lighthouseFigures(pageUrl, options.lighthouseRuns, s.kind, options.log)));
  return figures;
}

/** The page's JavaScript does not depend on the database: measured once, on whichever server runs first. */
export async function hostedPageJavascript(s: HttpBenchSetup, log: (line: string) => void): Promise<Figure> {
  return javascriptFigure(`${s.app.base}/f/${s.fx.workspace.slug}/join`, `${s.app.base}/bench/bare`, "any", log);
}

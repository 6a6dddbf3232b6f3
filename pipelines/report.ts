/** The report pipeline: a source folder → report.json, its JSON Schema, the three CSVs and the review page. */
import { Effect } from "effect"
import { readCatalogue } from "../src/claims/Catalogue.ts"
import { align, primaryMatch } from "../src/compare/Align.ts"
import { compare } from "../src/compare/Compare.ts"
import { Diagnostic, type Document } from "../src/domain/Document.ts"
import type { Match } from "../src/domain/Match.ts"
import { reportJsonSchema } from "../src/domain/Report.ts"
import { Ingest, type IngestOptions } from "../src/ingest/Ingest.ts"
import { Languages } from "../src/languages/Languages.ts"
import { writeOutputs } from "../src/report/AtomicWrite.ts"
import { claimsCsvPieces, renderCoverageCsv, renderDiscrepanciesCsv } from "../src/report/Csv.ts"
import { HTML_SOURCE_LIMIT, renderLargeDropHtml, renderReportHtml } from "../src/report/Html.ts"
import { buildReport, reportJsonPieces } from "../src/report/ReportJson.ts"
import { summarize } from "../src/report/Summary.ts"
import { SourcePool } from "../src/sources/SourcePool.ts"
import { StageTimer } from "../src/report/StageTimer.ts"

export interface ReportOptions extends IngestOptions {
  readonly sources: string
  readonly out: string
  readonly catalogue: string
  /** worker threads for the per-source stages; 0: all on the main thread */
  readonly workers: number
}

export const runReport = Effect.fn("runReport")(function*(options: ReportOptions) {
  const timer = new StageTimer()
  const languages = yield* Languages
  const catalogue = yield* readCatalogue(options.catalogue, { concepts: languages.concepts, entities: new Set(languages.entities.kinds.keys()) })
  const drop = yield* timer.time("list", (yield* Ingest).list(options.sources))
  const results = yield* timer.time("read, normalize, extract", (yield* SourcePool).process(options.sources, drop.articles, options, catalogue.claims))
  const read = results.flatMap((r) => (r.document === null ? [] : [{ ...r, document: r.document }]))
  const aligned = yield* timer.time("align", Effect.sync(() => align(read, catalogue.events)))
  const searchable = new Set(read.filter((r) => !r.diagnostics.some((d) => d.code === "no-resources" && d.message.includes("its text"))).map((r) => r.document.id))
  const discrepancies = yield* timer.time("compare", Effect.sync(() => compare({ catalogue, matches: aligned.matches, eventIds: aligned.eventIds, searchable })))
  const report = yield* timer.time("report", Effect.sync(() =>
    buildReport({
      catalogue,
      documents: read.map((r) => r.document),
      eventIds: aligned.eventIds,
      eventReasons: aligned.eventReasons,
      rejected: [...drop.rejected, ...results.flatMap((r) => r.rejected)],
      ignored: drop.ignored,
      diagnostics: [...read.flatMap((r) => encodingDiagnostics(r.document)), ...read.flatMap((r) => r.diagnostics), ...aligned.diagnostics],
      matches: aligned.matches,
      primaries: primariesOf(aligned.matches),
      discrepancies
    })
  ))
  yield* timer.time("render and write", writeOutputs(options.out, [
    ["report.json", () => reportJsonPieces(report)],
    ["report.schema.json", reportJsonSchema],
    ["claims.csv", () => claimsCsvPieces(report)],
    ["discrepancies.csv", () => renderDiscrepanciesCsv(report)],
    ["coverage.csv", () => renderCoverageCsv(report, catalogue.claims.map((c) => c.id))],
    ["report.html", () => report.sources.length <= HTML_SOURCE_LIMIT ? renderReportHtml(report, catalogue.claims) : renderLargeDropHtml(report)]
  ]))
  return { ...summarize(report, options.out), stages: timer.stages }
})

const primariesOf = (matches: ReadonlyArray<Match>): Set<Match> => {
  const groups = new Map<string, Array<Match>>()
  for (const m of matches) {
    const key = `${m.sourceId}\u0000${m.claimId}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [m])
    else group.push(m)
  }
  return new Set([...groups.values()].flatMap((g) => { const p = primaryMatch(g); return p === undefined ? [] : [p] }))
}

const encodingDiagnostics = (document: Document) =>
  document.encodingDetail === null
    ? []
    : [new Diagnostic({ code: "legacy-encoding", sourceId: document.id, message: `decoded as ${document.encoding}: ${document.encodingDetail}` })]

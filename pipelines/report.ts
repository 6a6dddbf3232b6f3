/** The report pipeline: a source folder → report.json, its JSON Schema and the three CSVs in the output folder. */
import { Effect } from "effect"
import { readCatalogue } from "../src/claims/Catalogue.ts"
import { ExtractClaims } from "../src/claims/Extract.ts"
import { align, primaryMatch } from "../src/compare/Align.ts"
import { compare } from "../src/compare/Compare.ts"
import { Diagnostic, type Document } from "../src/domain/Document.ts"
import type { Match } from "../src/domain/Match.ts"
import { reportJsonSchema } from "../src/domain/Report.ts"
import { type IngestOptions, Ingest } from "../src/ingest/Ingest.ts"
import { Languages } from "../src/languages/Languages.ts"
import { Normalize } from "../src/normalize/Normalize.ts"
import { writeOutputs } from "../src/report/AtomicWrite.ts"
import { renderClaimsCsv, renderCoverageCsv, renderDiscrepanciesCsv } from "../src/report/Csv.ts"
import { renderReportHtml } from "../src/report/Html.ts"
import { buildReport, renderReportJson } from "../src/report/ReportJson.ts"
import { summarize } from "../src/report/Summary.ts"

export interface ReportOptions extends IngestOptions {
  readonly sources: string
  readonly out: string
  readonly catalogue: string
}

export const runReport = Effect.fn("runReport")(function*(options: ReportOptions) {
  const languages = yield* Languages
  const catalogue = yield* readCatalogue(options.catalogue, { concepts: languages.concepts, entities: new Set(languages.entities.kinds.keys()) })
  const ingested = yield* (yield* Ingest).folder(options.sources, options)
  const normalized = yield* Effect.forEach(ingested.sources, (yield* Normalize).source)
  const extract = yield* ExtractClaims
  const extracted = normalized.map((n) => ({ document: n.document, ...extract.extract(extract.prepare(n), catalogue.claims) }))
  const aligned = align(extracted, catalogue.events)
  const searchable = new Set(extracted.filter((e) => !e.diagnostics.some((d) => d.code === "no-resources" && d.message.includes("its text"))).map((e) => e.document.id))
  const discrepancies = compare({ catalogue, matches: aligned.matches, eventIds: aligned.eventIds, searchable })
  const report = buildReport({
    catalogue,
    documents: normalized.map((n) => n.document),
    eventIds: aligned.eventIds,
    eventReasons: aligned.eventReasons,
    rejected: ingested.rejected,
    ignored: ingested.ignored,
    diagnostics: [...normalized.flatMap((n) => encodingDiagnostics(n.document)), ...extracted.flatMap((e) => e.diagnostics), ...aligned.diagnostics],
    matches: aligned.matches,
    primaries: primariesOf(aligned.matches),
    discrepancies
  })
  yield* writeOutputs(options.out, [
    ["report.json", renderReportJson(report)],
    ["report.schema.json", reportJsonSchema()],
    ["claims.csv", renderClaimsCsv(report)],
    ["discrepancies.csv", renderDiscrepanciesCsv(report)],
    ["coverage.csv", renderCoverageCsv(report, catalogue.claims.map((c) => c.id))],
    ["report.html", renderReportHtml(report, catalogue.claims)]
  ])
  return summarize(report, options.out)
})

const primariesOf = (matches: ReadonlyArray<Match>): Set<Match> => {
  const groups = new Map<string, Array<Match>>()
  for (const m of matches) groups.set(`${m.sourceId}\u0000${m.claimId}`, [...(groups.get(`${m.sourceId}\u0000${m.claimId}`) ?? []), m])
  return new Set([...groups.values()].flatMap((g) => { const p = primaryMatch(g); return p === undefined ? [] : [p] }))
}

const encodingDiagnostics = (document: Document) =>
  document.encodingDetail === null
    ? []
    : [new Diagnostic({ code: "legacy-encoding", sourceId: document.id, message: `decoded as ${document.encoding}: ${document.encodingDetail}` })]

/** The report pipeline: a source folder → report.json and the CSVs in the output folder. */
import { Effect } from "effect"
import { readCatalogue } from "../src/claims/Catalogue.ts"
import { ExtractClaims } from "../src/claims/Extract.ts"
import { Diagnostic, type Document } from "../src/domain/Document.ts"
import { type IngestOptions, Ingest } from "../src/ingest/Ingest.ts"
import { Languages } from "../src/languages/Languages.ts"
import { Normalize } from "../src/normalize/Normalize.ts"
import { writeOutputs } from "../src/report/AtomicWrite.ts"
import { renderClaimsCsv } from "../src/report/Csv.ts"
import { renderReportJson } from "../src/report/ReportJson.ts"
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
  const normalize = yield* Normalize
  const extract = yield* ExtractClaims
  const normalized = yield* Effect.forEach(ingested.sources, normalize.source)
  const extracted = normalized.map((n) => extract.extract(extract.prepare(n), catalogue.claims))
  const documents = normalized.map((n) => n.document)
  const report = {
    investigation: catalogue.investigation,
    documents,
    eventIds: new Map(documents.map((d) => [d.id, d.metaEvent] as const)),
    rejected: ingested.rejected,
    ignored: ingested.ignored,
    diagnostics: [...documents.flatMap(encodingDiagnostics), ...extracted.flatMap((e) => e.diagnostics)],
    matches: extracted.flatMap((e) => e.matches),
    discrepancies: []
  }
  yield* writeOutputs(options.out, [
    ["report.json", renderReportJson(report)],
    ["claims.csv", renderClaimsCsv(report.matches)]
  ])
  return summarize(report, options.out)
})

const encodingDiagnostics = (document: Document) =>
  document.encodingDetail === null
    ? []
    : [new Diagnostic({ code: "legacy-encoding", sourceId: document.id, message: `decoded as ${document.encoding}: ${document.encodingDetail}` })]

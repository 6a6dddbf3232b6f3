/**
 * The report pipeline: a source folder → report.json, its JSON Schema, the
 * three CSVs and the review page. Sources are processed in the order of their
 * ids and their pieces of the reports written as they come; what stays in memory
 * is a small record per source, which the comparison reads.
 */
import { readFileSync } from "node:fs"
import { Effect } from "effect"
import { readCatalogue } from "../src/claims/Catalogue.ts"
import { PrimaryTable } from "../src/compare/Align.ts"
import { compare } from "../src/compare/Compare.ts"
import { byText } from "../src/domain/Order.ts"
import { type ReportDocument, reportJsonSchema } from "../src/domain/Report.ts"
import type { Rejected } from "../src/domain/Source.ts"
import { Ingest, type IngestOptions } from "../src/ingest/Ingest.ts"
import { Languages } from "../src/languages/Languages.ts"
import { toolVersion } from "../src/ProjectFiles.ts"
import { OutputError, writeOutputs } from "../src/report/AtomicWrite.ts"
import { coverageCsvPieces, discrepanciesCsvPieces } from "../src/report/Csv.ts"
import { HTML_SOURCE_LIMIT, renderLargeDropHtml, renderReportHtml } from "../src/report/Html.ts"
import { ReportStream } from "../src/report/ReportJson.ts"
import { StageTimer } from "../src/report/StageTimer.ts"
import { summarize } from "../src/report/Summary.ts"
import type { SourceRecord } from "../src/sources/ProcessSource.ts"
import { SourcePool } from "../src/sources/SourcePool.ts"

export interface ReportOptions extends IngestOptions {
  readonly sources: string
  readonly out: string
  readonly catalogue: string
  /** worker threads for the per-source stages; 0: all on the main thread */
  readonly workers: number
}

const TEXT = ".txt"

export const runReport = Effect.fn("runReport")(function*(options: ReportOptions) {
  const timer = new StageTimer()
  const languages = yield* Languages
  const pool = yield* SourcePool
  const catalogue = yield* readCatalogue(options.catalogue, { concepts: languages.concepts, entities: new Set(languages.entities.kinds.keys()) })
  const drop = yield* timer.time("list", (yield* Ingest).list(options.sources))
  // in the order of the source ids, the order of every list in the reports
  const articles = [...drop.articles].sort((a, b) => byText(a.file.slice(0, -TEXT.length), b.file.slice(0, -TEXT.length)))
  const tool = { name: "crossclaim" as const, version: toolVersion }
  const outputError = (error: unknown) => new OutputError({ path: options.out, detail: (error as Error).message })

  return yield* Effect.acquireUseRelease(
    Effect.try({ try: () => new ReportStream(options.out, { tool, investigation: catalogue.investigation, catalogueVersion: catalogue.version }), catch: outputError }),
    (stream) => Effect.gen(function*() {
      const sources: Array<SourceRecord> = []
      const rejected: Array<Rejected> = [...drop.rejected]
      const readings = new PrimaryTable()
      // a few distinct values across many sources: kept once each
      const names = new Map<string, string>()
      const shared = <S extends string | null>(name: S): S => (name === null ? name : ((names.get(name) ?? names.set(name, name).get(name)) as S))
      yield* timer.time("read, normalize, extract, align", pool.process(options.sources, articles, options, catalogue, (outcome) => {
        rejected.push(...outcome.rejected)
        if (outcome.record !== null && outcome.pieces !== null) {
          const { record } = outcome
          sources.push({ ...record, language: shared(record.language), eventId: shared(record.eventId), primaries: record.primaries.map((key) => readings.of(key)) })
          stream.add(outcome.pieces)
        }
      }))
      const events = eventsOf(sources).map(([id, sourceIds]) => {
        const known = catalogue.events.find((e) => e.id === id)
        return { id, title: known?.title ?? null, date: known?.date ?? null, place: known?.place ?? null, sourceIds }
      })
      // report.json's matches of a large drop are copied into it meanwhile, on a thread of their own
      yield* Effect.try({ try: () => stream.endSources(events), catch: outputError })
      const discrepancies = yield* timer.time("compare", Effect.sync(() => compare({ catalogue, sources })))
      const result = { investigation: catalogue.investigation, sources, discrepancies, rejected: rejected.sort((a, b) => byText(a.file, b.file)), ignored: drop.ignored }
      yield* timer.time("render and write", Effect.gen(function*() {
        const written = yield* Effect.tryPromise({
          try: () => stream.finish({ discrepancies, rejected: result.rejected, ignored: drop.ignored }),
          catch: outputError
        })
        // a page small enough to read whole is rendered from the report.json just written, the one truth of the run
        const html = () =>
          sources.length <= HTML_SOURCE_LIMIT
            ? renderReportHtml(JSON.parse(readFileSync(written.reportJson, "utf8")) as ReportDocument, catalogue.claims)
            : renderLargeDropHtml({
              tool,
              investigation: catalogue.investigation,
              discrepancies,
              counts: { sources: sources.length, events: events.length, matches: sources.reduce((n, s) => n + s.affirms + s.contradicts, 0), rejected: rejected.length }
            })
        const page = yield* Effect.try({ try: html, catch: (error) => new OutputError({ path: written.reportJson, detail: (error as Error).message }) })
        yield* writeOutputs(options.out, [
          ["report.json", { written: written.reportJson }],
          ["report.schema.json", reportJsonSchema],
          ["claims.csv", { written: written.claimsCsv }],
          ["discrepancies.csv", () => discrepanciesCsvPieces(discrepancies)],
          ["coverage.csv", () => coverageCsvPieces(sources, catalogue.claims.map((c) => c.id))],
          ["report.html", page]
        ])
      }))
      return { ...summarize(result, options.out), stages: timer.stages }
    }),
    (stream) => Effect.promise(() => stream.discard())
  )
})

/** Event id → its sources, both by id; sources without an event are in none. */
const eventsOf = (sources: ReadonlyArray<SourceRecord>): Array<readonly [string, Array<string>]> => {
  const events = new Map<string, Array<string>>()
  for (const s of sources) {
    if (s.eventId === null) continue
    const list = events.get(s.eventId)
    if (list === undefined) events.set(s.eventId, [s.id])
    else list.push(s.id)
  }
  for (const list of events.values()) list.sort(byText)
  return [...events].sort(([a], [b]) => byText(a, b))
}

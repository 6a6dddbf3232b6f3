/** The lines printed at the end of a run: sources, events, matches, discrepancies by kind, rejected. */
import type { Discrepancy } from "../domain/Discrepancy.ts"
import type { Ignored, Rejected } from "../domain/Source.ts"
import type { SourceRecord } from "../sources/ProcessSource.ts"

/** What a run found, for the summary and for the check against the baseline. */
export interface RunResult {
  readonly investigation: string
  readonly sources: ReadonlyArray<SourceRecord>
  readonly discrepancies: ReadonlyArray<Discrepancy>
  /** sorted by file */
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
}

export interface RunSummary {
  readonly lines: ReadonlyArray<string>
  readonly result: RunResult
}

const counts = (items: Iterable<readonly [string, number]>) => {
  const map = new Map<string, number>()
  for (const [item, n] of items) map.set(item, (map.get(item) ?? 0) + n)
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ")
}

const withCounts = (label: string, items: ReadonlyArray<readonly [string, number]>) => {
  const total = items.reduce((sum, [, n]) => sum + n, 0)
  return `${label}: ${total}${total > 0 ? ` (${counts(items.filter(([, n]) => n > 0))})` : ""}`
}

const each = (items: ReadonlyArray<string>) => items.map((item) => [item, 1] as const)

export const summarize = (result: RunResult, out: string): RunSummary => {
  const unsearched = result.sources.filter((s) => s.unsearchedParts > 0)
  const lines = [
    withCounts("sources", each(result.sources.map((s) => s.language))),
    withCounts("events", each(result.sources.map((s) => s.eventId ?? "unassigned"))),
    withCounts("matches", result.sources.flatMap((s) => [["affirms", s.affirms], ["contradicts", s.contradicts]] as const)),
    withCounts("discrepancies", each(result.discrepancies.map((d) => `${d.kind}${d.crossEvent ? " (cross-event)" : ""}`))),
    withCounts("rejected", each(result.rejected.map((r) => r.reason))),
    `ignored: ${result.ignored.length}`,
    ...(unsearched.length > 0 ? [withCounts("not searched (no language resources)", unsearched.map((s) => [s.id, s.unsearchedParts] as const))] : []),
    ...result.rejected.map((r) => `  rejected ${r.message}`),
    `written: ${out}/report.json, report.schema.json, claims.csv, discrepancies.csv, coverage.csv, report.html`
  ]
  return { lines, result }
}

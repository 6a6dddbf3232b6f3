/** The lines printed at the end of a run: sources, events, matches, discrepancies by kind, rejected. */
import type { ReportDocument } from "../domain/Report.ts"

export interface RunSummary {
  readonly lines: ReadonlyArray<string>
  readonly rejected: number
  readonly report: ReportDocument
}

const counts = (items: ReadonlyArray<string>) => {
  const map = new Map<string, number>()
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1)
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ")
}

const withCounts = (label: string, items: ReadonlyArray<string>) => `${label}: ${items.length}${items.length > 0 ? ` (${counts(items)})` : ""}`

export const summarize = (report: ReportDocument, out: string): RunSummary => {
  const unsearched = report.diagnostics.filter((d) => d.code === "no-resources")
  const lines = [
    withCounts("sources", report.sources.map((s) => s.language)),
    withCounts("events", report.sources.map((s) => s.eventId ?? "unassigned")),
    withCounts("matches", report.matches.map((m) => m.stance)),
    withCounts("discrepancies", report.discrepancies.map((d) => `${d.kind}${d.crossEvent ? " (cross-event)" : ""}`)),
    withCounts("rejected", report.rejected.map((r) => r.reason)),
    `ignored: ${report.ignored.length}`,
    ...(unsearched.length > 0 ? [withCounts("not searched (no language resources)", unsearched.map((d) => d.sourceId ?? ""))] : []),
    ...report.rejected.map((r) => `  rejected ${r.message}`),
    `written: ${out}/report.json, report.schema.json, claims.csv, discrepancies.csv, coverage.csv, report.html`
  ]
  return { lines, rejected: report.rejected.length, report }
}

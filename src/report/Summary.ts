/** The few lines printed at the end of a run. */
import type { ReportInput } from "./ReportJson.ts"

export interface RunSummary {
  readonly lines: ReadonlyArray<string>
  readonly rejected: number
}

const count = <T>(items: ReadonlyArray<T>, key: (item: T) => string) => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ")
}

export const summarize = (report: ReportInput, out: string): RunSummary => {
  const lines = [
    `sources: ${report.documents.length}${report.documents.length > 0 ? ` (${count(report.documents, (d) => d.language)})` : ""}`,
    `rejected: ${report.rejected.length}${report.rejected.length > 0 ? ` (${count(report.rejected, (r) => r.reason)})` : ""}`,
    `ignored: ${report.ignored.length}`,
    `diagnostics: ${report.diagnostics.length}`,
    ...report.rejected.map((r) => `  rejected ${r.file}: ${r.message}`),
    `written: ${out}/report.json`
  ]
  return { lines, rejected: report.rejected.length }
}

/** The CI gate: runs the report pipeline and fails when any file of the drop was rejected. */
import { Effect } from "effect"
import { type ReportOptions, runReport } from "./report.ts"

export const runCheck = Effect.fn("runCheck")(function*(options: ReportOptions) {
  const summary = yield* runReport(options)
  const verdict = summary.rejected === 0
    ? "check passed: every file of the drop was read"
    : `check failed: ${summary.rejected} file(s) rejected`
  return { lines: [...summary.lines, verdict], exitCode: summary.rejected === 0 ? 0 : 1 }
})

/**
 * The CI gate for a source drop: every file must be read, and the discrepancies
 * must agree with the reviewed baseline. Prints stable text: counts, the rejected
 * files, and a unified diff of what is new, changed or vanished.
 */
import { Effect, FileSystem } from "effect"
import { type Current, compareWithBaseline, decide, type Decision, readBaseline, recordBaseline, renderBaseline, BaselineError } from "../src/check/Baseline.ts"
import { writeOutputs } from "../src/report/AtomicWrite.ts"
import { type ReportOptions, runReport } from "./report.ts"

export interface CheckOptions extends ReportOptions {
  readonly baseline: string
}

const currentOf = (report: { readonly discrepancies: ReadonlyArray<Current> }) => report.discrepancies

export const runCheck = Effect.fn("runCheck")(function*(options: CheckOptions) {
  const { result: report } = yield* runReport(options)
  const baseline = yield* readBaseline(options.baseline, report.investigation)
  const comparison = compareWithBaseline(baseline, currentOf(report))
  const lines = [
    `check: ${report.sources.length} sources read, ${report.rejected.length} rejected, ${report.ignored.length} ignored`,
    ...report.rejected.map((r) => `  rejected ${r.file} (${r.reason}): ${r.message}`),
    `discrepancies: ${report.discrepancies.length} now, ${baseline.discrepancies.length} in the baseline: ${comparison.added.length} new, ${comparison.changed.length} changed, ${comparison.vanished.length} vanished`,
    ...comparison.added.map((id) => `  new      ${id}`),
    ...comparison.changed.map((id) => `  changed  ${id}`),
    ...comparison.vanished.map((id) => `  vanished ${id}`),
    ...(comparison.diff === "" ? [] : comparison.diff.trimEnd().split("\n"))
  ]
  const differs = comparison.diff !== ""
  const failed = report.rejected.length > 0 || differs
  const verdict = !failed
    ? `check passed: every file was read and the discrepancies agree with the reviewed baseline (${options.baseline})`
    : [
      report.rejected.length > 0 ? `${report.rejected.length} file(s) rejected` : null,
      differs ? `the discrepancies differ from the reviewed baseline (${options.baseline}); review them, then record them with \`make baseline\`` : null
    ].filter((x) => x !== null).join("; ").replace(/^/, "check failed: ")
  return { lines: [...lines, verdict], exitCode: failed ? 1 : 0 }
})

/** Records the current discrepancies into the baseline, keeping decisions and notes. */
export const runRecordBaseline = Effect.fn("runRecordBaseline")(function*(options: CheckOptions) {
  const { result: report } = yield* runReport(options)
  const previous = yield* readBaseline(options.baseline, report.investigation)
  const next = recordBaseline(previous, currentOf(report), report.investigation)
  yield* writeBaselineFile(options.baseline, renderBaseline(next))
  const kept = next.discrepancies.filter((e) => e.decision !== "unreviewed").length
  return [`baseline: ${next.discrepancies.length} discrepancies recorded in ${options.baseline} (${kept} with a decision kept, ${next.discrepancies.length - kept} unreviewed)`]
})

export const runDecide = Effect.fn("runDecide")(function*(options: { readonly baseline: string; readonly id: string; readonly decision: Decision; readonly note: string | undefined }) {
  const fs = yield* FileSystem.FileSystem
  if (!(yield* fs.exists(options.baseline).pipe(Effect.orElseSucceed(() => false)))) {
    return yield* new BaselineError({ file: options.baseline, detail: "no baseline yet: record one with `make baseline`" })
  }
  const baseline = yield* readBaseline(options.baseline, "")
  const next = decide(baseline, options.id, options.decision, options.note)
  if (next === null) {
    const claim = options.id.split("/")[0] ?? ""
    const near = baseline.discrepancies.map((e) => e.id).filter((id) => id.startsWith(`${claim}/`))
    return yield* new BaselineError({
      file: options.baseline,
      detail: `no discrepancy "${options.id}"; ${near.length > 0 ? `ids for ${claim}: ${near.join(", ")}` : `${baseline.discrepancies.length} ids in the baseline (see its "id" fields)`}`
    })
  }
  yield* writeBaselineFile(options.baseline, renderBaseline(next))
  return [`baseline: ${options.id} marked ${options.decision}${options.note === undefined ? "" : ` (${options.note})`}`]
})

/** The baseline lives in the repository, beside the investigation: written atomically, in its own folder. */
const writeBaselineFile = (file: string, content: string) => {
  const slash = file.lastIndexOf("/")
  return writeOutputs(slash === -1 ? "." : file.slice(0, slash), [[file.slice(slash + 1), content]])
}

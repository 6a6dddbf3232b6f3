/**
 * The reviewed baseline of an investigation: the discrepancies a reviewer has
 * seen, each with a decision and a note, in a diff-friendly JSON file (one entry
 * per discrepancy, keys in a fixed order, sorted by id). Compared with a run, it
 * gives what is new, what changed and what vanished.
 */
import { createTwoFilesPatch } from "diff"
import { Effect, FileSystem, Schema } from "effect"
import { byText } from "../domain/Order.ts"

export const Decision = Schema.Literals(["unreviewed", "confirmed", "dismissed"])
export type Decision = typeof Decision.Type

export const BaselineEntry = Schema.Struct({
  id: Schema.String,
  decision: Decision,
  note: Schema.String,
  claimId: Schema.String,
  kind: Schema.String,
  crossEvent: Schema.Boolean,
  sourceIds: Schema.Array(Schema.String),
  values: Schema.Array(Schema.Union([Schema.String, Schema.Finite])),
  summary: Schema.String
})
export type BaselineEntry = typeof BaselineEntry.Type

export const Baseline = Schema.Struct({
  about: Schema.optionalKey(Schema.String),
  investigation: Schema.String,
  discrepancies: Schema.Array(BaselineEntry)
})
export type Baseline = typeof Baseline.Type

export class BaselineError extends Schema.TaggedError<BaselineError>()("BaselineError", {
  file: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.detail}`
  }
}

/** What a discrepancy of the current run contributes to a baseline. */
export interface Current {
  readonly id: string
  readonly claimId: string
  readonly kind: string
  readonly crossEvent: boolean
  readonly sourceIds: ReadonlyArray<string>
  readonly values: ReadonlyArray<string | number>
  readonly summary: string
}

const ABOUT = "Reviewed discrepancies. Edit `decision` (unreviewed | confirmed | dismissed) and `note` by hand or with `crossclaim baseline decide`; `crossclaim baseline record` refreshes the rest and keeps decisions and notes."

export const emptyBaseline = (investigation: string): Baseline => ({ about: ABOUT, investigation, discrepancies: [] })

export const readBaseline = (file: string, investigation: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    if (!(yield* fs.exists(file).pipe(Effect.orElseSucceed(() => false)))) return emptyBaseline(investigation)
    const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => new BaselineError({ file, detail: `cannot be read (${e.message})` })))
    return yield* Effect.try({
      try: () => Schema.decodeUnknownSync(Baseline, { onExcessProperty: "error" })(JSON.parse(text)),
      catch: (error) => new BaselineError({ file, detail: `not a valid baseline: ${String((error as Error).message).split("\n").slice(0, 2).join(" ")}` })
    })
  })

/** One entry per line group, keys in a fixed order: a reviewer's diff shows exactly what moved. */
export const renderBaseline = (baseline: Baseline): string => {
  const entries = [...baseline.discrepancies].sort((a, b) => byText(a.id, b.id))
  const lines = entries.map((e) => "    " + JSON.stringify({
    id: e.id,
    decision: e.decision,
    note: e.note,
    claimId: e.claimId,
    kind: e.kind,
    crossEvent: e.crossEvent,
    sourceIds: e.sourceIds,
    values: e.values,
    summary: e.summary
  }))
  return `{\n  "about": ${JSON.stringify(baseline.about ?? ABOUT)},\n  "investigation": ${JSON.stringify(baseline.investigation)},\n  "discrepancies": [\n${lines.join(",\n")}\n  ]\n}\n`
}

/** The baseline after recording a run: current discrepancies, with the decisions and notes already made for the same ids. */
export const recordBaseline = (previous: Baseline, current: ReadonlyArray<Current>, investigation: string): Baseline => {
  const before = new Map(previous.discrepancies.map((e) => [e.id, e]))
  return {
    about: previous.about ?? ABOUT,
    investigation,
    discrepancies: current.map((d) => ({
      id: d.id,
      decision: before.get(d.id)?.decision ?? "unreviewed",
      note: before.get(d.id)?.note ?? "",
      claimId: d.claimId,
      kind: d.kind,
      crossEvent: d.crossEvent,
      sourceIds: [...d.sourceIds],
      values: [...d.values],
      summary: d.summary
    })).sort((a, b) => byText(a.id, b.id))
  }
}

export const decide = (baseline: Baseline, id: string, decision: Decision, note: string | undefined): Baseline | null => {
  if (!baseline.discrepancies.some((e) => e.id === id)) return null
  return {
    ...baseline,
    discrepancies: baseline.discrepancies.map((e) => (e.id === id ? { ...e, decision, note: note ?? e.note } : e))
  }
}

/** The stable text a comparison is made on: one line per discrepancy, its sources and values. */
const lineOf = (d: { readonly id: string; readonly sourceIds: ReadonlyArray<string>; readonly values: ReadonlyArray<string | number> }) =>
  `${d.id} | sources: ${d.sourceIds.join(", ")}${d.values.length > 0 ? ` | values: ${d.values.join(", ")}` : ""}`

export interface Comparison {
  readonly added: ReadonlyArray<string>
  readonly changed: ReadonlyArray<string>
  readonly vanished: ReadonlyArray<string>
  /** a unified diff of the two renderings; empty when they agree */
  readonly diff: string
}

export const compareWithBaseline = (baseline: Baseline, current: ReadonlyArray<Current>): Comparison => {
  const before = new Map(baseline.discrepancies.map((e) => [e.id, lineOf(e)]))
  const now = new Map(current.map((d) => [d.id, lineOf(d)]))
  const added = [...now.keys()].filter((id) => !before.has(id)).sort(byText)
  const vanished = [...before.keys()].filter((id) => !now.has(id)).sort(byText)
  const changed = [...now.keys()].filter((id) => before.has(id) && before.get(id) !== now.get(id)).sort(byText)
  const render = (lines: Map<string, string>) => [...lines.keys()].sort(byText).map((id) => lines.get(id)!).join("\n") + "\n"
  const same = added.length === 0 && vanished.length === 0 && changed.length === 0
  const diff = same ? "" : createTwoFilesPatch("baseline", "current", render(before), render(now), "", "", { context: 1 })
  return { added, changed, vanished, diff }
}

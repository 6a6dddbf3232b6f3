/** Explains, for one source and one claim, which sentences came closest and which condition failed. */
import { Effect, Schema } from "effect"
import { readCatalogue } from "../src/claims/Catalogue.ts"
import { ExtractClaims, type Trial } from "../src/claims/Extract.ts"
import { Ingest, type IngestOptions } from "../src/ingest/Ingest.ts"
import { Languages } from "../src/languages/Languages.ts"
import { Normalize } from "../src/normalize/Normalize.ts"

export class ExplainError extends Schema.TaggedError<ExplainError>()("ExplainError", {
  detail: Schema.String
}) {
  override get message() {
    return this.detail
  }
}

export interface ExplainOptions extends IngestOptions {
  readonly sources: string
  readonly catalogue: string
  readonly source: string
  readonly claim: string
  /** how many sentences to show */
  readonly top: number
}

const describeTrial = (trial: Trial, groups: ReadonlyArray<ReadonlyArray<string>>, textOf: (trial: Trial) => string): Array<string> => {
  const text = textOf(trial).replace(/\s+/g, " ")
  const lines = [`  sentence ${trial.sentence.index + 1}: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`]
  groups.forEach((group, g) => {
    const held = trial.groups[g]
    lines.push(`    ${held === null || held === undefined ? "missing" : "found  "} ${group.join(" | ")}${held === null || held === undefined ? "" : ` (${held})`}`)
  })
  if (trial.match !== null) {
    const m = trial.match
    const slots = Object.entries(m.slots).map(([k, v]) => `${k}=${String(v)}`).join(", ")
    lines.push(`    MATCH: ${m.stance} by ${m.speaker} (${m.speakerVia})${slots === "" ? "" : `; ${slots}`}; cues: ${m.cues.join(", ")}${m.negation === null ? "" : `; negation: ${m.negation}`}`)
  } else {
    lines.push(`    no match: ${trial.failed}`)
  }
  return lines
}

export const runExplain = Effect.fn("runExplain")(function*(options: ExplainOptions) {
  const languages = yield* Languages
  const catalogue = yield* readCatalogue(options.catalogue, { concepts: languages.concepts, entities: new Set(languages.entities.kinds.keys()) })
  const claim = catalogue.claims.find((c) => c.id === options.claim)
  if (claim === undefined) {
    return yield* new ExplainError({ detail: `no claim "${options.claim}" in ${options.catalogue}; claims: ${catalogue.claims.map((c) => c.id).join(", ")}` })
  }
  const ingested = yield* (yield* Ingest).folder(options.sources, options)
  const source = ingested.sources.find((s) => s.id === options.source || s.file === options.source)
  if (source === undefined) {
    const rejected = ingested.rejected.find((r) => r.file === `${options.source}.txt` || r.file === options.source)
    return yield* new ExplainError({
      detail: rejected !== undefined ? `source ${options.source} was rejected: ${rejected.message}` : `no source "${options.source}" in ${options.sources}; sources: ${ingested.sources.map((s) => s.id).join(", ")}`
    })
  }
  const normalized = yield* (yield* Normalize).source(source)
  const extract = yield* ExtractClaims
  const prepared = extract.prepare(normalized)
  const trials = [...extract.trials(prepared, claim)]
  const held = (t: Trial) => t.groups.filter((g) => g !== null).length
  const ranked = trials.sort((a, b) => Number(b.match !== null) - Number(a.match !== null) || held(b) - held(a) || a.sentence.index - b.sentence.index)
  const lines = [
    `${claim.id}: ${claim.proposition}`,
    `source ${source.id} (${normalized.document.language}), ${prepared.sentences.length} sentences searched; each sentence must hold every group:`,
    ...(prepared.missingLanguages.length > 0 ? [`  not searched (no language resources): ${prepared.missingLanguages.join(", ")}`] : []),
    ...ranked.slice(0, options.top).flatMap((t) => describeTrial(t, claim.all, (x) => normalized.text.text.slice(x.sentence.start, x.sentence.end))),
    `${trials.filter((t) => t.match !== null).length} matching sentence(s)`
  ]
  return lines
})

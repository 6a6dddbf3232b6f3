/**
 * The claim catalogue of an investigation: claims written over language-neutral
 * concepts (UPPER_CASE ids from `src/languages/concepts.json`), entities (lower-case
 * ids from `src/languages/entities.json`) and speaker conditions (`speaker:kim`).
 */
import { Effect, FileSystem, Schema } from "effect"

/** A concept id, an entity id, or `speaker:<id>`; `DURATION` is the duration found by the number reader. */
export const Term = Schema.String.pipe(Schema.check(Schema.isPattern(/^(?:[A-Z][A-Z_]*|[a-z][a-z-]*|speaker:[a-z][a-z-]*)$/)))

/** A non-empty list of terms, any of which satisfies it. */
export const AnyOf = Schema.NonEmptyArray(Term)

export const SlotRule = Schema.Struct({
  value: Schema.String,
  /** every group must be satisfied (by the sentence) */
  all: Schema.NonEmptyArray(AnyOf),
  /** when the sentence has this term, the previous sentence may satisfy the groups too ("such an agreement") */
  orPreviousWith: Schema.optionalKey(Term)
})
export type SlotRule = typeof SlotRule.Type

export const Slot = Schema.Union([
  Schema.Struct({
    from: Schema.Literal("rules"),
    /** the first rule that holds gives the value; with `nearest`, the rule whose cue is nearest the claim's first cue */
    rules: Schema.NonEmptyArray(SlotRule),
    pick: Schema.optionalKey(Schema.Literals(["first", "nearest"])),
    /** how sources are compared on this slot (default: framing) */
    compare: Schema.optionalKey(Schema.Literals(["framing", "detail"])),
    /** with `nearest`: the term distances are measured from (default: the claim's first group) */
    anchor: Schema.optionalKey(Term),
    default: Schema.optionalKey(Schema.String)
  }),
  /** minutes are compared as a quantity; approx is shown with them */
  Schema.Struct({ from: Schema.Literals(["duration-minutes", "duration-approx"]) })
])
export type Slot = typeof Slot.Type

export const Claim = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/))),
  proposition: Schema.String,
  /** every group must be satisfied in one sentence */
  all: Schema.NonEmptyArray(AnyOf),
  /** the concept cues must lie within this many words of each other */
  within: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))),
  /** `positive`: a negated sentence contradicts the claim; `negative` (the claim itself says "no …"): a negated sentence affirms it */
  polarity: Schema.Literals(["positive", "negative"]),
  /** `source`: who says it (narrator when nobody); `agent`: who does it (a toast is Putin's even when the outlet reports it) */
  speakerRole: Schema.Literals(["source", "agent"]),
  slots: Schema.Record(Schema.String, Slot)
})
export type Claim = typeof Claim.Type

export const Event = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/))),
  title: Schema.String,
  /** ISO date of the event (YYYY-MM-DD) */
  date: Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/))),
  /** entity id of the venue */
  place: Schema.String
})
export type Event = typeof Event.Type

export const Catalogue = Schema.Struct({
  investigation: Schema.String,
  version: Schema.Number,
  events: Schema.Array(Event),
  claims: Schema.NonEmptyArray(Claim)
})
export type Catalogue = typeof Catalogue.Type

export class CatalogueError extends Schema.TaggedError<CatalogueError>()("CatalogueError", {
  file: Schema.String,
  claim: Schema.NullOr(Schema.String),
  field: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.claim === null ? "" : `claim "${this.claim}": `}${this.field === "" ? "" : `${this.field}: `}${this.detail}`
  }
}

/** Decodes a catalogue and checks that every term names a known concept or entity; errors name the file, the claim and the field. */
export const decodeCatalogue = (
  file: string,
  json: unknown,
  known: { readonly concepts: ReadonlyArray<string>; readonly entities: ReadonlySet<string> }
): Catalogue => {
  let catalogue: Catalogue
  try {
    catalogue = Schema.decodeUnknownSync(Catalogue, { onExcessProperty: "error" })(json)
  } catch (error) {
    const text = String((error as Error).message)
    const path = /at \[([^\n]*)\]/.exec(text)?.[1]?.replace(/"/g, "").split("][") ?? []
    const claimIndex = path[0] === "claims" ? Number(path[1]) : NaN
    const claims = (json as { claims?: Array<{ id?: unknown }> } | null)?.claims
    const claimId = Number.isInteger(claimIndex) && Array.isArray(claims) ? String(claims[claimIndex]?.id ?? `#${claimIndex}`) : null
    const field = claimId === null ? path.join(".") : path.slice(2).join(".")
    throw new CatalogueError({ file, claim: claimId, field, detail: text.split("\n")[0]!.trim() })
  }
  const seen = new Set<string>()
  for (const claim of catalogue.claims) {
    if (seen.has(claim.id)) throw new CatalogueError({ file, claim: claim.id, field: "id", detail: "appears twice" })
    seen.add(claim.id)
    const check = (term: string, field: string) => {
      if (term === "DURATION" || term.startsWith("speaker:")) return
      const ok = /^[A-Z]/.test(term) ? known.concepts.includes(term) : known.entities.has(term)
      if (!ok) throw new CatalogueError({ file, claim: claim.id, field, detail: `"${term}" is not a known ${/^[A-Z]/.test(term) ? "concept (src/languages/concepts.json)" : "entity (src/languages/entities.json)"}` })
    }
    claim.all.forEach((group, g) => group.forEach((term) => check(term, `all[${g}]`)))
    for (const [name, slot] of Object.entries(claim.slots)) {
      if (slot.from !== "rules") continue
      if (slot.anchor !== undefined) check(slot.anchor, `slots.${name}.anchor`)
      slot.rules.forEach((rule, r) => {
        rule.all.forEach((group) => group.forEach((term) => check(term, `slots.${name}.rules[${r}]`)))
        if (rule.orPreviousWith !== undefined) check(rule.orPreviousWith, `slots.${name}.rules[${r}].orPreviousWith`)
      })
    }
  }
  return catalogue
}

/** Reads a catalogue file; errors name the file, the claim and the field. */
export const readCatalogue = (file: string, known: { readonly concepts: ReadonlyArray<string>; readonly entities: ReadonlySet<string> }) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(file).pipe(
      Effect.mapError((error) => new CatalogueError({ file, claim: null, field: "", detail: `cannot be read (${error.message})` }))
    )
    return yield* Effect.try({
      try: () => decodeCatalogue(file, JSON.parse(text), known),
      catch: (error) =>
        error instanceof CatalogueError ? error : new CatalogueError({ file, claim: null, field: "", detail: `not valid JSON (${(error as Error).message})` })
    })
  })

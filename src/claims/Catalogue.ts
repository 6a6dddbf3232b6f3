/**
 * The claim catalogue of an investigation: claims written over language-neutral
 * concepts (UPPER_CASE ids from `src/languages/concepts.json`), entities (lower-case
 * ids from `src/languages/entities.json`) and speaker conditions (`speaker:kim`).
 */
import { Schema } from "effect"

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
    default: Schema.optionalKey(Schema.String)
  }),
  Schema.Struct({ from: Schema.Literals(["duration-minutes", "duration-approx"]) })
])
export type Slot = typeof Slot.Type

export const Claim = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/))),
  proposition: Schema.String,
  /** every group must be satisfied in one sentence */
  all: Schema.NonEmptyArray(AnyOf),
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

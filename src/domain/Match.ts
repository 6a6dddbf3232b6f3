/** A claim found in a sentence of a source, with what a fact-checker compares: stance, speaker, slots and the evidence. */
import { Schema } from "effect"
import { byText } from "./Order.ts"

export const Stance = Schema.Literals(["affirms", "contradicts"])
export type Stance = typeof Stance.Type

export const SlotValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])
export type SlotValue = typeof SlotValue.Type

export class Match extends Schema.Class<Match>("crossclaim/Match")({
  sourceId: Schema.String,
  claimId: Schema.String,
  /** the event the source reports on; null until events are aligned */
  eventId: Schema.NullOr(Schema.String),
  /** language of the sentence (an embedded post keeps its own) */
  language: Schema.String,
  stance: Stance,
  speaker: Schema.String,
  /** how the speaker was found: quote, speech-verb, attribution, agent, narrator */
  speakerVia: Schema.String,
  slots: Schema.Record(Schema.String, SlotValue),
  sentence: Schema.String,
  /** offsets of the sentence in the decoded text of the source */
  start: Schema.Finite,
  end: Schema.Finite,
  /** the words that made the match, as written */
  cues: Schema.Array(Schema.String),
  /** the negation word that set the stance, if any */
  negation: Schema.NullOr(Schema.String),
  segmentRole: Schema.String,
  /** the sentence looks back to an earlier event ("last year", "in 2019"): it does not speak for the source's own event */
  backReference: Schema.Boolean,
  /** the words that placed it in the past */
  timeCues: Schema.Array(Schema.String)
}) {}

/** Slots with their keys in order: the same slots give the same text. */
export const sortedSlots = (slots: Match["slots"]): Match["slots"] => {
  const keys = Object.keys(slots)
  if (keys.length <= 1) return slots
  return Object.fromEntries(keys.sort(byText).map((k) => [k, slots[k]!]))
}

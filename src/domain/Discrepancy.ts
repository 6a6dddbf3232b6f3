/** A difference between sources on one claim, grouped as sets of sources that share a value. */
import { Schema } from "effect"

export const DiscrepancyKind = Schema.Literals(["omission", "stance", "quantity", "attribution", "framing"])
export type DiscrepancyKind = typeof DiscrepancyKind.Type

export const ValueGroup = Schema.Struct({
  /** the value these sources share ("affirms", "putin", "120 min", "holy-war"); null for the sources that omit the claim */
  value: Schema.NullOr(Schema.Union([Schema.String, Schema.Finite])),
  /** the value as a reader says it ("about 60 min (delegations)") */
  label: Schema.String,
  eventId: Schema.NullOr(Schema.String),
  sourceIds: Schema.Array(Schema.String)
})
export type ValueGroup = typeof ValueGroup.Type

export class Discrepancy extends Schema.Class<Discrepancy>("crossclaim/Discrepancy")({
  /** stable and readable: `<claim>/<kind>/<event or cross-event>`; the same discrepancy keeps its id in every run */
  id: Schema.String,
  claimId: Schema.String,
  kind: DiscrepancyKind,
  /** true when the sources report different events: never a contradiction within one event */
  crossEvent: Schema.Boolean,
  eventIds: Schema.Array(Schema.String),
  /** for an omission: the sources that omit the claim; otherwise every source in the groups */
  sourceIds: Schema.Array(Schema.String),
  /** the distinct values, in the order of the groups */
  values: Schema.Array(Schema.Union([Schema.String, Schema.Finite])),
  groups: Schema.Array(ValueGroup),
  /** for a quantity or framing: the slot compared */
  slot: Schema.NullOr(Schema.String),
  summary: Schema.String
}) {}

/**
 * Compare: primary matches per source and claim → discrepancies of five kinds,
 * within one event and across events, each as groups of sources sharing a value.
 * One pass over the matches per claim: the cost grows with the matches, not with
 * the pairs of sources.
 */
import type { Catalogue, Claim } from "../claims/Catalogue.ts"
import type { Discrepancy, DiscrepancyKind, ValueGroup } from "../domain/Discrepancy.ts"
import type { Primary } from "./Align.ts"
import { byText } from "../domain/Order.ts"

type Value = string | number

/** A primary match with its source, by position in the sources sorted by id, and its event. */
interface Reading {
  readonly source: number
  readonly event: string
  readonly primary: Primary
}

/** A reading of one dimension: its value. */
interface Valued extends Reading {
  readonly value: Value
}

const compareValues = (a: Value, b: Value) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)

/** Quantities: "about" widens the tolerance to 15 %, exact figures must agree within 2 %. */
export const sameQuantity = (a: { readonly minutes: number; readonly approx: boolean }, b: { readonly minutes: number; readonly approx: boolean }) => {
  const tolerance = (a.approx || b.approx ? 0.15 : 0.02) * Math.max(a.minutes, b.minutes)
  return Math.abs(a.minutes - b.minutes) <= tolerance
}

const quantityLabel = (p: Primary, slot: string) => {
  const minutes = p.slots[slot] as number
  const approx = p.slots["approx"] === true ? "about " : ""
  const scope = typeof p.slots["scope"] === "string" ? ` (${p.slots["scope"]})` : ""
  return `${approx}${minutes} min${scope}`
}

/** Source positions, ascending (the sources are sorted by id) → their ids. */
type IdsOf = (positions: ReadonlyArray<number>) => Array<string>

/**
 * Groups readings by value: sources sharing a value, in a stable order; a group reads as its first reading.
 * The readings come in source order, so each group's sources are in id order.
 */
const groupReadings = (readings: ReadonlyArray<Valued>, withEvent: boolean, label: (p: Primary) => string, idsOf: IdsOf): Array<ValueGroup> => {
  // looked up by event, then by the value itself (a Map tells 1 from "1"); kept in the order they were first met
  const lookup = new Map<string, Map<Value, { value: Value; first: Primary; eventId: string | null; sources: Array<number> }>>()
  const groups: Array<{ value: Value; first: Primary; eventId: string | null; sources: Array<number> }> = []
  for (const r of readings) {
    const event = withEvent ? r.event : ""
    let byValue = lookup.get(event)
    if (byValue === undefined) lookup.set(event, byValue = new Map())
    const group = byValue.get(r.value)
    if (group === undefined) {
      const made = { value: r.value, first: r.primary, eventId: withEvent ? r.event : null, sources: [r.source] }
      byValue.set(r.value, made)
      groups.push(made)
    } else {
      group.sources.push(r.source)
    }
  }
  return groups
    .map((g) => ({ value: g.value, label: label(g.first), eventId: g.eventId, sourceIds: idsOf(g.sources) }))
    .sort((a, b) => byText(a.eventId ?? "", b.eventId ?? "") || compareValues(a.value, b.value))
}

const distinct = (values: ReadonlyArray<Value>) => [...new Set(values)].sort(compareValues)

/** Names up to ten sources; a summary stays one readable line in a drop of thousands (the groups keep every id). */
const nameSources = (ids: ReadonlyArray<string>) =>
  ids.length <= 10 ? ids.join(", ") : `${ids.slice(0, 10).join(", ")} and ${ids.length - 10} more`

const describeGroups = (groups: ReadonlyArray<ValueGroup>, withEvent: boolean) =>
  groups.map((g) => `${g.label}${withEvent && g.eventId !== null ? ` [${g.eventId}]` : ""}: ${nameSources(g.sourceIds)}`).join("; ")

const KIND_ORDER: ReadonlyArray<DiscrepancyKind> = ["omission", "stance", "quantity", "attribution", "framing"]

/** What the comparison reads of a source. */
export interface ComparedSource {
  readonly id: string
  /** null: unassigned */
  readonly eventId: string | null
  /** its language could be searched for the claims: only such a source can omit a claim */
  readonly searchable: boolean
  /** its primary match per claim */
  readonly primaries: ReadonlyArray<Primary>
}

export interface CompareInput {
  readonly catalogue: Catalogue
  readonly sources: ReadonlyArray<ComparedSource>
}

export const compare = (input: CompareInput): Array<Discrepancy> => {
  const { catalogue } = input
  // sources by id: a position stands for a source, and ascending positions are ids in order
  const sources = [...input.sources].sort((a, b) => byText(a.id, b.id))
  const ids = sources.map((s) => s.id)
  const idsOf: IdsOf = (positions) => positions.map((i) => ids[i]!)
  const eventOf = sources.map((s) => s.eventId ?? "unassigned")
  const sourcesByEvent = new Map<string, Array<number>>()
  const byClaim = new Map<string, Array<Reading>>()
  sources.forEach((source, i) => {
    if (!source.searchable) return
    const event = eventOf[i]!
    const list = sourcesByEvent.get(event)
    if (list === undefined) sourcesByEvent.set(event, [i])
    else list.push(i)
    for (const primary of source.primaries) {
      const readings = byClaim.get(primary.claimId)
      const reading = { source: i, event, primary }
      if (readings === undefined) byClaim.set(primary.claimId, [reading])
      else readings.push(reading)
    }
  })
  const events = [...sourcesByEvent.keys()].sort(byText)
  const context: Context = { ids, idsOf, sourcesByEvent, events, reports: new Uint8Array(sources.length) }
  // every source of some groups, in id order: marked by position, read back in order
  const positionOf = new Map(ids.map((id, i) => [id, i]))
  const everySource = (groups: ReadonlyArray<ValueGroup>): Array<string> => {
    if (groups.length === 1) return [...groups[0]!.sourceIds]
    const marks = context.reports
    const marked: Array<number> = []
    for (const g of groups) for (const id of g.sourceIds) {
      const i = positionOf.get(id)!
      if (marks[i] === 0) {
        marks[i] = 1
        marked.push(i)
      }
    }
    marked.sort((a, b) => a - b)
    for (const i of marked) marks[i] = 0
    return idsOf(marked)
  }

  const discrepancies: Array<Discrepancy> = []
  for (const claim of catalogue.claims) {
    const primaries = byClaim.get(claim.id) ?? []
    discrepancies.push(...omissions(claim, primaries, context))
    const dimensions: Array<{ kind: DiscrepancyKind; slot: string | null; read: (p: Primary) => Value | undefined; label: (p: Primary) => string }> = [
      { kind: "stance", slot: null, read: (p) => p.stance, label: (p) => p.stance },
      { kind: "attribution", slot: null, read: (p) => p.speaker, label: (p) => p.speaker }
    ]
    for (const [slot, spec] of Object.entries(claim.slots).sort(([a], [b]) => byText(a, b))) {
      if (spec.from === "duration-minutes") {
        dimensions.push({ kind: "quantity", slot, read: (p) => (typeof p.slots[slot] === "number" ? (p.slots[slot] as number) : undefined), label: (p) => quantityLabel(p, slot) })
      } else if (spec.from === "rules" && (spec.compare ?? "framing") === "framing") {
        dimensions.push({ kind: "framing", slot, read: (p) => (typeof p.slots[slot] === "string" ? (p.slots[slot] as string) : undefined), label: (p) => String(p.slots[slot]) })
      }
    }
    for (const dimension of dimensions) {
      const readings: Array<Valued> = []
      for (const r of primaries) {
        const value = dimension.read(r.primary)
        if (value !== undefined) readings.push({ source: r.source, event: r.event, primary: r.primary, value })
      }
      // two readings agree when their values are equal (quantities: within tolerance); compared on distinct values only,
      // so the cost stays with the number of distinct values, not of sources
      const quantity = (r: Valued) => ({ minutes: r.primary.slots[dimension.slot!] as number, approx: r.primary.slots["approx"] === true })
      const agree = dimension.kind === "quantity"
        ? (a: Valued, b: Valued) => sameQuantity(quantity(a), quantity(b))
        : (a: Valued, b: Valued) => a.value === b.value
      const distinctReadings = (list: ReadonlyArray<Valued>) => {
        const seen = new Map<string, Valued>()
        for (const r of list) {
          const key = dimension.kind === "quantity" ? `${r.value}/${quantity(r).approx}` : String(r.value)
          if (!seen.has(key)) seen.set(key, r)
        }
        return [...seen.values()]
      }
      const byEvent = new Map<string, Array<Valued>>()
      for (const r of readings) {
        const list = byEvent.get(r.event)
        if (list === undefined) byEvent.set(r.event, [r])
        else list.push(r)
      }
      const distinctByEvent = new Map([...byEvent].map(([event, list]) => [event, distinctReadings(list)]))
      const differs = (d: ReadonlyArray<Valued>) => d.some((a) => d.some((b) => !agree(a, b)))
      // within each event
      for (const event of events) {
        if (event === "unassigned" || !differs(distinctByEvent.get(event) ?? [])) continue
        const groups = groupReadings(byEvent.get(event) ?? [], false, dimension.label, idsOf)
        discrepancies.push(makeDiscrepancy(claim, dimension.kind, false, [event], groups, everySource(groups), dimension.slot,
          `${claim.id}: ${dimension.kind}${dimension.slot === null ? "" : ` (${dimension.slot})`} differs within ${event} — ${describeGroups(groups, false)}`))
      }
      // across events: when two events share no value at all (a difference inside one event is reported above)
      const inEvents = [...byEvent.keys()].filter((e) => e !== "unassigned").sort(byText)
      if (inEvents.length > 1) {
        const shares = (a: string, b: string) => {
          const x = distinctByEvent.get(a) ?? []
          const y = distinctByEvent.get(b) ?? []
          return x.some((p) => y.some((q) => agree(p, q)))
        }
        const disjoint = inEvents.some((a, i) => inEvents.slice(i + 1).some((b) => !shares(a, b)))
        if (disjoint) {
          const groups = groupReadings(readings.filter((r) => r.event !== "unassigned"), true, dimension.label, idsOf)
          discrepancies.push(makeDiscrepancy(claim, dimension.kind, true, inEvents, groups, everySource(groups), dimension.slot,
            `${claim.id}: ${dimension.kind}${dimension.slot === null ? "" : ` (${dimension.slot})`} differs across events (not a contradiction within one event) — ${describeGroups(groups, true)}`))
        }
      }
    }
  }
  const claimOrder = new Map(catalogue.claims.map((c, i) => [c.id, i]))
  return discrepancies.sort((a, b) =>
    (claimOrder.get(a.claimId) ?? -1) - (claimOrder.get(b.claimId) ?? -1) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    Number(a.crossEvent) - Number(b.crossEvent) ||
    byText(a.id, b.id)
  )
}

interface Context {
  readonly ids: ReadonlyArray<string>
  readonly idsOf: IdsOf
  /** searchable sources by event, as ascending positions */
  readonly sourcesByEvent: ReadonlyMap<string, ReadonlyArray<number>>
  readonly events: ReadonlyArray<string>
  /** scratch: which sources report the claim at hand */
  readonly reports: Uint8Array
}

const omissions = (claim: Claim, primaries: ReadonlyArray<Reading>, context: Context): Array<Discrepancy> => {
  const { reports, idsOf } = context
  const reportersByEvent = new Map<string, Array<number>>()
  for (const r of primaries) {
    reports[r.source] = 1
    const list = reportersByEvent.get(r.event)
    if (list === undefined) reportersByEvent.set(r.event, [r.source])
    else list.push(r.source)
  }
  const found: Array<Discrepancy> = []
  for (const event of context.events) {
    const sources = context.sourcesByEvent.get(event) ?? []
    const omitting = sources.filter((s) => reports[s] === 0)
    if (omitting.length === 0) continue
    const reporting = sources.filter((s) => reports[s] === 1)
    const omittingIds = idsOf(omitting)
    if (reporting.length > 0 && event !== "unassigned") {
      const reportingIds = idsOf(reporting)
      const groups: Array<ValueGroup> = [
        { value: "reports", label: "reports it", eventId: event, sourceIds: reportingIds },
        { value: null, label: "omits it", eventId: event, sourceIds: omittingIds }
      ]
      found.push(makeDiscrepancy(claim, "omission", false, [event], groups, omittingIds, null,
        `${claim.id}: omitted within ${event} by ${nameSources(omittingIds)}; reported by ${nameSources(reportingIds)}`))
    } else if (reporting.length === 0 && reportersByEvent.size > 0 && !reportersByEvent.has(event)) {
      const elsewhere = [...reportersByEvent.keys()].sort(byText)
      const groups: Array<ValueGroup> = [
        ...elsewhere.map((e) => ({ value: "reports" as const, label: "reports it", eventId: e, sourceIds: idsOf(reportersByEvent.get(e)!) })),
        { value: null, label: "omits it", eventId: event, sourceIds: omittingIds }
      ]
      found.push(makeDiscrepancy(claim, "omission", true, [event, ...elsewhere].sort(byText), groups, omittingIds, null,
        `${claim.id}: no source about ${event} reports it (${nameSources(omittingIds)}); reported only for ${elsewhere.join(", ")} — a difference between events, not an omission within one`))
    }
  }
  for (const r of primaries) reports[r.source] = 0
  return found
}

/**
 * @param sourceIds for an omission, the sources that omit the claim; otherwise every source of the groups; in id order
 */
const makeDiscrepancy = (
  claim: Claim,
  kind: DiscrepancyKind,
  crossEvent: boolean,
  eventIds: ReadonlyArray<string>,
  groups: ReadonlyArray<ValueGroup>,
  sourceIds: ReadonlyArray<string>,
  slot: string | null,
  summary: string
): Discrepancy => ({
    id: `${claim.id}/${kind}${slot === null || kind === "quantity" ? "" : `:${slot}`}/${crossEvent ? `cross-event:${[...eventIds].sort(byText).join("+")}` : eventIds[0]!}`,
    claimId: claim.id,
    kind,
    crossEvent,
    eventIds: [...eventIds].sort(byText),
    sourceIds: [...sourceIds],
    values: distinct(groups.flatMap((g) => (g.value === null || kind === "omission" ? [] : [g.value]))),
    groups,
    slot,
    summary
  })

/**
 * Compare: primary matches per source and claim → discrepancies of five kinds,
 * within one event and across events, each as groups of sources sharing a value.
 * One pass over the matches per claim: the cost grows with the matches, not with
 * the pairs of sources.
 */
import type { Catalogue, Claim } from "../claims/Catalogue.ts"
import { Discrepancy, type DiscrepancyKind, type ValueGroup } from "../domain/Discrepancy.ts"
import type { Primary } from "./Align.ts"

type Value = string | number

/** A primary match with its source. */
type Match = Primary & { readonly sourceId: string }

interface Reading {
  readonly sourceId: string
  readonly eventId: string
  readonly value: Value
  readonly label: string
}

const compareValues = (a: Value, b: Value) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Quantities: "about" widens the tolerance to 15 %, exact figures must agree within 2 %. */
export const sameQuantity = (a: { readonly minutes: number; readonly approx: boolean }, b: { readonly minutes: number; readonly approx: boolean }) => {
  const tolerance = (a.approx || b.approx ? 0.15 : 0.02) * Math.max(a.minutes, b.minutes)
  return Math.abs(a.minutes - b.minutes) <= tolerance
}

const quantityLabel = (m: Match, slot: string) => {
  const minutes = m.slots[slot] as number
  const approx = m.slots["approx"] === true ? "about " : ""
  const scope = typeof m.slots["scope"] === "string" ? ` (${m.slots["scope"]})` : ""
  return `${approx}${minutes} min${scope}`
}

/** Groups readings by value: sources sharing a value, in a stable order. */
const groupReadings = (readings: ReadonlyArray<Reading>, withEvent: boolean): Array<ValueGroup> => {
  const groups = new Map<string, { value: Value; label: string; eventId: string | null; sourceIds: Array<string> }>()
  for (const r of readings) {
    const key = `${withEvent ? r.eventId : ""}\u0000${typeof r.value}:${r.value}`
    const group = groups.get(key) ?? { value: r.value, label: r.label, eventId: withEvent ? r.eventId : null, sourceIds: [] }
    group.sourceIds.push(r.sourceId)
    groups.set(key, group)
  }
  return [...groups.values()]
    .map((g) => ({ ...g, sourceIds: g.sourceIds.sort(byText) }))
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
  const sources = [...input.sources].sort((a, b) => byText(a.id, b.id))
  const eventIds = new Map(sources.map((s) => [s.id, s.eventId]))
  const eventOf = (sourceId: string) => eventIds.get(sourceId) ?? "unassigned"
  const sourcesByEvent = new Map<string, Array<string>>()
  for (const source of sources) {
    if (!source.searchable) continue
    const list = sourcesByEvent.get(eventOf(source.id)) ?? []
    list.push(source.id)
    sourcesByEvent.set(eventOf(source.id), list)
  }
  const events = [...sourcesByEvent.keys()].sort(byText)

  // the primary matches of every claim, in the order of the sources, in one pass
  const byClaim = new Map<string, Array<Match>>()
  for (const source of sources) {
    if (!source.searchable) continue
    for (const p of source.primaries) {
      const list = byClaim.get(p.claimId)
      const m = { ...p, sourceId: source.id }
      if (list === undefined) byClaim.set(p.claimId, [m])
      else list.push(m)
    }
  }

  const discrepancies: Array<Discrepancy> = []
  for (const claim of catalogue.claims) {
    const primaries = byClaim.get(claim.id) ?? []
    discrepancies.push(...omissions(claim, primaries, sourcesByEvent, events, eventOf))
    const dimensions: Array<{ kind: DiscrepancyKind; slot: string | null; read: (m: Match) => Value | undefined; label: (m: Match) => string }> = [
      { kind: "stance", slot: null, read: (m) => m.stance, label: (m) => m.stance },
      { kind: "attribution", slot: null, read: (m) => m.speaker, label: (m) => m.speaker }
    ]
    for (const [slot, spec] of Object.entries(claim.slots).sort(([a], [b]) => byText(a, b))) {
      if (spec.from === "duration-minutes") {
        dimensions.push({ kind: "quantity", slot, read: (m) => (typeof m.slots[slot] === "number" ? (m.slots[slot] as number) : undefined), label: (m) => quantityLabel(m, slot) })
      } else if (spec.from === "rules" && (spec.compare ?? "framing") === "framing") {
        dimensions.push({ kind: "framing", slot, read: (m) => (typeof m.slots[slot] === "string" ? (m.slots[slot] as string) : undefined), label: (m) => String(m.slots[slot]) })
      }
    }
    for (const dimension of dimensions) {
      const readings = primaries.flatMap((m) => {
        const value = dimension.read(m)
        return value === undefined ? [] : [{ sourceId: m.sourceId, eventId: eventOf(m.sourceId), value, label: dimension.label(m), match: m }]
      })
      // two readings agree when their values are equal (quantities: within tolerance); compared on distinct values only,
      // so the cost stays with the number of distinct values, not of sources
      const quantity = (r: { readonly match: Match }) => ({ minutes: r.match.slots[dimension.slot!] as number, approx: r.match.slots["approx"] === true })
      const agree = dimension.kind === "quantity"
        ? (a: (typeof readings)[number], b: (typeof readings)[number]) => sameQuantity(quantity(a), quantity(b))
        : (a: (typeof readings)[number], b: (typeof readings)[number]) => a.value === b.value
      const distinctReadings = (list: ReadonlyArray<(typeof readings)[number]>) => {
        const seen = new Map<string, (typeof readings)[number]>()
        for (const r of list) {
          const key = dimension.kind === "quantity" ? `${r.value}/${quantity(r).approx}` : String(r.value)
          if (!seen.has(key)) seen.set(key, r)
        }
        return [...seen.values()]
      }
      const differs = (list: ReadonlyArray<(typeof readings)[number]>) => {
        const d = distinctReadings(list)
        return d.some((a) => d.some((b) => !agree(a, b)))
      }
      const byEvent = new Map<string, Array<(typeof readings)[number]>>()
      for (const r of readings) {
        const list = byEvent.get(r.eventId)
        if (list === undefined) byEvent.set(r.eventId, [r])
        else list.push(r)
      }
      // within each event
      for (const event of events) {
        const here = byEvent.get(event) ?? []
        if (!differs(here) || event === "unassigned") continue
        const groups = groupReadings(here, false)
        discrepancies.push(makeDiscrepancy(claim, dimension.kind, false, [event], groups, dimension.slot,
          `${claim.id}: ${dimension.kind}${dimension.slot === null ? "" : ` (${dimension.slot})`} differs within ${event} — ${describeGroups(groups, false)}`))
      }
      // across events: when two events share no value at all (a difference inside one event is reported above)
      const inEvents = distinct(readings.map((r) => r.eventId)).filter((e) => e !== "unassigned")
      if (inEvents.length > 1) {
        const shares = (a: string, b: string) => {
          const x = distinctReadings(byEvent.get(a) ?? [])
          const y = distinctReadings(byEvent.get(b) ?? [])
          return x.some((p) => y.some((q) => agree(p, q)))
        }
        const disjoint = inEvents.some((a, i) => inEvents.slice(i + 1).some((b) => !shares(String(a), String(b))))
        if (disjoint) {
          const groups = groupReadings(readings.filter((r) => inEvents.includes(r.eventId)), true)
          discrepancies.push(makeDiscrepancy(claim, dimension.kind, true, inEvents.map(String), groups, dimension.slot,
            `${claim.id}: ${dimension.kind}${dimension.slot === null ? "" : ` (${dimension.slot})`} differs across events (not a contradiction within one event) — ${describeGroups(groups, true)}`))
        }
      }
    }
  }
  return discrepancies.sort((a, b) =>
    catalogue.claims.findIndex((c) => c.id === a.claimId) - catalogue.claims.findIndex((c) => c.id === b.claimId) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    Number(a.crossEvent) - Number(b.crossEvent) ||
    byText(a.id, b.id)
  )
}

const omissions = (
  claim: Claim,
  primaries: ReadonlyArray<Match>,
  sourcesByEvent: ReadonlyMap<string, ReadonlyArray<string>>,
  events: ReadonlyArray<string>,
  eventOf: (sourceId: string) => string
): Array<Discrepancy> => {
  const reporters = new Set(primaries.map((m) => m.sourceId))
  const reportingEvents = new Set(primaries.map((m) => eventOf(m.sourceId)))
  const found: Array<Discrepancy> = []
  for (const event of events) {
    const sources = sourcesByEvent.get(event) ?? []
    const omitting = sources.filter((s) => !reporters.has(s))
    if (omitting.length === 0) continue
    const reporting = sources.filter((s) => reporters.has(s))
    if (reporting.length > 0 && event !== "unassigned") {
      const groups: Array<ValueGroup> = [
        { value: "reports", label: "reports it", eventId: event, sourceIds: reporting },
        { value: null, label: "omits it", eventId: event, sourceIds: omitting }
      ]
      found.push(makeDiscrepancy(claim, "omission", false, [event], groups, null,
        `${claim.id}: omitted within ${event} by ${nameSources(omitting)}; reported by ${nameSources(reporting)}`, omitting))
    } else if (reporting.length === 0 && reportingEvents.size > 0 && !reportingEvents.has(event)) {
      const elsewhere = [...reportingEvents].sort(byText)
      const groups: Array<ValueGroup> = [
        ...elsewhere.map((e) => ({ value: "reports" as const, label: "reports it", eventId: e, sourceIds: primaries.filter((m) => eventOf(m.sourceId) === e).map((m) => m.sourceId).sort(byText) })),
        { value: null, label: "omits it", eventId: event, sourceIds: omitting }
      ]
      found.push(makeDiscrepancy(claim, "omission", true, [event, ...elsewhere].sort(byText), groups, null,
        `${claim.id}: no source about ${event} reports it (${nameSources(omitting)}); reported only for ${elsewhere.join(", ")} — a difference between events, not an omission within one`, omitting))
    }
  }
  return found
}

const makeDiscrepancy = (
  claim: Claim,
  kind: DiscrepancyKind,
  crossEvent: boolean,
  eventIds: ReadonlyArray<string>,
  groups: ReadonlyArray<ValueGroup>,
  slot: string | null,
  summary: string,
  omitting?: ReadonlyArray<string>
) =>
  new Discrepancy({
    id: `${claim.id}/${kind}${slot === null || kind === "quantity" ? "" : `:${slot}`}/${crossEvent ? `cross-event:${[...eventIds].sort(byText).join("+")}` : eventIds[0]!}`,
    claimId: claim.id,
    kind,
    crossEvent,
    eventIds: [...eventIds].sort(byText),
    sourceIds: omitting !== undefined ? [...omitting].sort(byText) : [...new Set(groups.flatMap((g) => g.sourceIds))].sort(byText),
    values: distinct(groups.flatMap((g) => (g.value === null || kind === "omission" ? [] : [g.value]))),
    groups,
    slot,
    summary
  })

/**
 * Align: each source → the event it reports on (its metadata, else its dates,
 * day references and venue), and each (source, claim) → its primary match, the
 * one that speaks for the source in comparisons.
 */
import type { Event } from "../claims/Catalogue.ts"
import type { TimeSignals } from "../claims/Extract.ts"
import { Diagnostic, type Document } from "../domain/Document.ts"
import { type Match, sortedSlots } from "../domain/Match.ts"

export interface AlignInput {
  readonly document: Document
  readonly matches: ReadonlyArray<Match>
  readonly time: TimeSignals
}

export interface EventChoice {
  readonly eventId: string | null
  /** how it was chosen, for the report: "metadata", or the evidence that scored */
  readonly reason: string
}

interface PartialDate {
  readonly year: number
  readonly month: number | null
  readonly day: number | null
}

const parseDate = (text: string | null): PartialDate | null => {
  const m = text === null ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (m === null) return null
  return { year: Number(m[1]), month: m[2] === undefined ? null : Number(m[2]), day: m[3] === undefined ? null : Number(m[3]) }
}

const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000

/** The date a day reference points to, counted back from the day of publication. */
const resolveDay = (published: PartialDate, reference: string): number | null => {
  if (published.month === null || published.day === null) return null
  const today = dayNumber(published.year, published.month, published.day)
  if (reference === "today") return today
  if (reference === "yesterday") return today - 1
  const weekday = Number(reference)
  if (!(weekday >= 1 && weekday <= 7)) return null
  // 1970-01-01 was a Thursday (weekday 4)
  const todayWeekday = ((Math.floor(today) + 3) % 7 + 7) % 7 + 1
  return today - ((todayWeekday - weekday + 7) % 7)
}

const VENUE_CLAIM = "meeting-venue"

/** Scores every event of the catalogue against a source's evidence; the best positive, unique score wins. */
export const chooseEvent = (input: AlignInput, events: ReadonlyArray<Event>): EventChoice => {
  const { document } = input
  if (document.metaEvent !== null) return { eventId: document.metaEvent, reason: "metadata" }
  const published = parseDate(document.published)
  const venues = input.matches.filter((m) => m.claimId === VENUE_CLAIM && typeof m.slots["place"] === "string")
  const scored = events.map((event) => {
    const date = parseDate(event.date)!
    const evidence: Array<string> = []
    let score = 0
    if (published !== null) {
      if (published.year !== date.year) {
        score -= 4
      } else {
        score += 2
        if (published.month !== null && published.month === date.month) {
          score += 2
          evidence.push(`published ${document.published}`)
          if (published.day !== null && Math.abs(published.day - date.day!) <= 3) score += 2
        } else if (published.month !== null) {
          score -= 2
        } else {
          evidence.push(`published ${document.published}`)
        }
      }
      const eventDay = dayNumber(date.year, date.month!, date.day!)
      if (input.time.dayReferences.some((r) => { const d = resolveDay(published, r); return d !== null && Math.abs(d - eventDay) <= 1 })) {
        score += 3
        evidence.push("day reference")
      }
    }
    const sameYear = input.time.years.filter((y) => y === date.year).length
    if (sameYear > 0) {
      score += Math.min(2, sameYear)
      evidence.push(`names ${date.year}`)
    }
    if (input.time.years.some((y) => y > date.year)) score -= 2
    // venues, not counting sentences that look back to another meeting
    const own = venues.filter((m) => !m.backReference && !m.timeCues.some((c) => /^\d{4}$/.test(c) && Number(c) !== date.year))
    if (own.length > 0) {
      const lead = own[0]!.slots["place"]
      if (lead === event.place) {
        score += 3
        evidence.push(`meets at ${event.place}`)
      }
      score += Math.min(2, own.slice(1).filter((m) => m.slots["place"] === event.place).length)
      score -= own.filter((m) => m.slots["place"] !== event.place && events.some((e) => e.place === m.slots["place"])).length > own.length / 2 ? 1 : 0
    }
    return { event, score, evidence }
  })
  // a plain loop: a spread is compiled for the kinds of list it has seen, and a new kind de-optimizes the function
  let best = -Infinity
  for (const s of scored) if (s.score > best) best = s.score
  const winners = scored.filter((s) => s.score === best)
  if (best <= 0 || winners.length !== 1) {
    return { eventId: null, reason: best <= 0 ? "no date or venue points to a known event" : `tied between ${winners.map((w) => w.event.id).join(" and ")}` }
  }
  return { eventId: winners[0]!.event.id, reason: winners[0]!.evidence.join(", ") }
}

const VIA_RANK: Record<string, number> = { quote: 0, "speech-verb": 1, attribution: 2, agent: 3, narrator: 4 }

/**
 * The match that speaks for a source on a claim: not a look-back, then the most
 * directly attributed (a quote before a reported statement before the narrator),
 * then the one with most slots filled, then the first in the text.
 */
export const primaryMatch = (matches: ReadonlyArray<Match>): Match | undefined =>
  [...matches]
    .filter((m) => !m.backReference)
    .sort((a, b) =>
      (VIA_RANK[a.speakerVia] ?? 9) - (VIA_RANK[b.speakerVia] ?? 9) ||
      Object.keys(b.slots).length - Object.keys(a.slots).length ||
      a.start - b.start
    )[0]

/** What the comparison reads of a source's primary match on a claim. */
export interface Primary {
  readonly claimId: string
  readonly stance: Match["stance"]
  readonly speaker: string
  readonly slots: Match["slots"]
}

/**
 * A primary match's values as one string, the same for equal values: sources that agree share one key, so a
 * drop of many sources keeps each distinct reading once (see PrimaryTable).
 */
export const primaryKey = (m: Primary): string => JSON.stringify([m.claimId, m.stance, m.speaker, sortedSlots(m.slots)])

/** Keys → primaries, each distinct reading decoded and kept once. */
export class PrimaryTable {
  private readonly readings = new Map<string, Primary>()

  of(key: string): Primary {
    let reading = this.readings.get(key)
    if (reading === undefined) {
      const [claimId, stance, speaker, slots] = JSON.parse(key) as [string, Primary["stance"], string, Primary["slots"]]
      reading = { claimId, stance, speaker, slots }
      this.readings.set(key, reading)
    }
    return reading
  }
}

export interface AlignedSource {
  readonly eventId: string | null
  /** how the event was chosen, for the report */
  readonly eventReason: string
  /** the source's matches with its event and look-backs to earlier years marked, in catalogue order, then by position */
  readonly matches: ReadonlyArray<Match>
  /** the primary match per claim, in catalogue order */
  readonly primaries: ReadonlyArray<Match>
  readonly diagnostics: ReadonlyArray<Diagnostic>
}

/** One source: its event, its matches marked with it, and its primary match per claim. */
export const alignSource = (input: AlignInput, events: ReadonlyArray<Event>, claims: ReadonlyArray<{ readonly id: string }>): AlignedSource => {
  const choice = chooseEvent(input, events)
  const diagnostics = choice.eventId === null
    ? [new Diagnostic({ code: "event-unassigned", sourceId: input.document.id, message: `no event assigned: ${choice.reason}` })]
    : []
  const year = events.find((e) => e.id === choice.eventId)?.date.slice(0, 4)
  const order = new Map(claims.map((c, i) => [c.id, i]))
  const matches: Array<Match> = input.matches
    .map((m): Match => ({ ...m, eventId: choice.eventId, backReference: m.backReference || (year !== undefined && m.timeCues.some((c) => /^\d{4}$/.test(c) && c < year)) }))
    .sort((a, b) => (order.get(a.claimId) ?? 0) - (order.get(b.claimId) ?? 0) || a.start - b.start)
  const primaries: Array<Match> = []
  for (let i = 0; i < matches.length;) {
    let j = i
    while (j < matches.length && matches[j]!.claimId === matches[i]!.claimId) j++
    const primary = primaryMatch(matches.slice(i, j))
    if (primary !== undefined) primaries.push(primary)
    i = j
  }
  return { eventId: choice.eventId, eventReason: choice.reason, matches, primaries, diagnostics }
}

/** The run's findings → the text of `report.json`: keys in a fixed order, arrays sorted, no clock, so equal inputs give equal bytes. */
import type { Catalogue } from "../claims/Catalogue.ts"
import type { Discrepancy } from "../domain/Discrepancy.ts"
import type { Diagnostic, Document } from "../domain/Document.ts"
import type { Match } from "../domain/Match.ts"
import { ReportDocument, type SourceEntry } from "../domain/Report.ts"
import type { Ignored, Rejected } from "../domain/Source.ts"
import { toolVersion } from "../ProjectFiles.ts"

export interface ReportInput {
  readonly catalogue: Catalogue
  readonly documents: ReadonlyArray<Document>
  readonly eventIds: ReadonlyMap<string, string | null>
  readonly eventReasons: ReadonlyMap<string, string>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly matches: ReadonlyArray<Match>
  /** the matches that speak for their source in comparisons */
  readonly primaries: ReadonlySet<Match>
  readonly discrepancies: ReadonlyArray<Discrepancy>
}

const round = (n: number) => Math.round(n * 1000) / 1000
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const sourceEntry = (document: Document, eventId: string | null, eventReason: string): SourceEntry => ({
  id: document.id,
  file: document.file,
  metaFile: document.metaFile,
  language: document.language,
  languageConfidence: round(document.languageConfidence),
  eventId,
  eventReason,
  published: document.published,
  headerSection: document.headerSection,
  outlet: document.outlet,
  url: document.url,
  encoding: document.encoding,
  encodingDetail: document.encodingDetail,
  length: document.length,
  segments: document.segments.map((segment) => ({
    role: segment.role,
    roleReason: segment.roleReason,
    language: segment.language,
    languageConfidence: round(segment.languageConfidence),
    start: segment.start,
    end: segment.end,
    author: segment.author,
    date: segment.date,
    sentences: segment.sentences.map((s) => ({ start: s.start, end: s.end, paragraph: s.paragraph }))
  }))
})

/** Matches in source order, then catalogue order, then position. */
export const sortMatches = (matches: ReadonlyArray<Match>, catalogue: Catalogue): Array<Match> => {
  const order = new Map(catalogue.claims.map((c, i) => [c.id, i]))
  return [...matches].sort((a, b) => byText(a.sourceId, b.sourceId) || (order.get(a.claimId) ?? 0) - (order.get(b.claimId) ?? 0) || a.start - b.start)
}

export const buildReport = (input: ReportInput): ReportDocument => {
  const events = new Map<string, Array<string>>()
  for (const [sourceId, eventId] of input.eventIds) {
    if (eventId === null) continue
    const list = events.get(eventId)
    if (list === undefined) events.set(eventId, [sourceId])
    else list.push(sourceId)
  }
  for (const list of events.values()) list.sort(byText)
  return {
    tool: { name: "crossclaim", version: toolVersion },
    investigation: input.catalogue.investigation,
    catalogueVersion: input.catalogue.version,
    sources: [...input.documents].sort((a, b) => byText(a.id, b.id)).map((d) => sourceEntry(d, input.eventIds.get(d.id) ?? null, input.eventReasons.get(d.id) ?? "")),
    events: [...events].sort(([a], [b]) => byText(a, b)).map(([id, sourceIds]) => {
      const known = input.catalogue.events.find((e) => e.id === id)
      return { id, title: known?.title ?? null, date: known?.date ?? null, place: known?.place ?? null, sourceIds }
    }),
    matches: sortMatches(input.matches, input.catalogue).map((m) => ({
      sourceId: m.sourceId,
      claimId: m.claimId,
      eventId: m.eventId,
      language: m.language,
      stance: m.stance,
      speaker: m.speaker,
      speakerVia: m.speakerVia,
      slots: Object.fromEntries(Object.keys(m.slots).sort(byText).map((k) => [k, m.slots[k]!])),
      sentence: m.sentence,
      start: m.start,
      end: m.end,
      cues: m.cues,
      negation: m.negation,
      segmentRole: m.segmentRole,
      backReference: m.backReference,
      timeCues: m.timeCues,
      primary: input.primaries.has(m)
    })),
    discrepancies: input.discrepancies.map((d) => ({
      id: d.id,
      claimId: d.claimId,
      kind: d.kind,
      crossEvent: d.crossEvent,
      eventIds: d.eventIds,
      sourceIds: d.sourceIds,
      values: d.values,
      groups: d.groups,
      slot: d.slot,
      summary: d.summary
    })),
    rejected: [...input.rejected].sort((a, b) => byText(a.file, b.file)).map((r) => ({ file: r.file, reason: r.reason, message: r.message })),
    ignored: [...input.ignored].sort((a, b) => byText(a.file, b.file)).map((i) => ({ file: i.file, reason: i.reason })),
    diagnostics: [...input.diagnostics]
      .sort((a, b) => byText(a.sourceId ?? "", b.sourceId ?? "") || byText(a.code, b.code) || byText(a.message, b.message))
      .map((d) => ({ code: d.code, sourceId: d.sourceId, message: d.message }))
  }
}

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`)

/**
 * The report as JSON in pieces, element by element, exactly as `JSON.stringify(report, null, 2)` would write it
 * whole: a drop of 100,000 articles gives a report larger than one string may be. The report is built by
 * `buildReport` to the ReportDocument type, which has no transformations: it is its own encoding (the tests
 * decode it with the schema).
 */
export function* reportJsonPieces(report: ReportDocument): Generator<string> {
  const entries = Object.entries(report)
  yield "{\n"
  for (let k = 0; k < entries.length; k++) {
    const [key, value] = entries[k]!
    yield `  ${JSON.stringify(key)}: `
    if (Array.isArray(value) && value.length > 0) {
      yield "[\n"
      for (let i = 0; i < value.length; i++) yield `    ${indent(JSON.stringify(value[i], null, 2), "    ")}${i < value.length - 1 ? ",\n" : "\n"}`
      yield "  ]"
    } else {
      yield indent(JSON.stringify(value, null, 2), "  ")
    }
    yield k < entries.length - 1 ? ",\n" : "\n"
  }
  yield "}\n"
}

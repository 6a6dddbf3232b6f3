/**
 * One source's share of the reports, rendered where the source was processed:
 * its element of report.json's `sources`, its elements of `matches` and
 * `diagnostics`, and its rows of claims.csv. A drop's reports are these pieces
 * in source order, so no run holds every match of every source at once.
 */
import type { Diagnostic, Document } from "../domain/Document.ts"
import { type Match, sortedSlots } from "../domain/Match.ts"
import type { SourceEntry } from "../domain/Report.ts"
import { csvRows } from "./Csv.ts"
import { byText } from "../domain/Order.ts"

const round = (n: number) => Math.round(n * 1000) / 1000

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`)

const OPEN = `{\n  "_": [\n`
const CLOSE = `\n  ]\n}`

/**
 * Elements of one of report.json's top-level arrays, joined by ",\n": one `JSON.stringify` of the array at the
 * depth it has in the report, so its elements come indented as they stand there. "" for none.
 */
export const jsonElements = (values: ReadonlyArray<unknown>): string =>
  values.length === 0 ? "" : JSON.stringify({ _: values }, null, 2).slice(OPEN.length, -CLOSE.length)

/** A top-level value of report.json that is not streamed (a scalar, an object or a short array). */
export const jsonValue = (value: unknown): string => indent(JSON.stringify(value, null, 2), "  ")

export const sourceEntry = (document: Document, eventId: string | null, eventReason: string): SourceEntry => ({
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

const matchEntry = (m: Match, primary: boolean) => ({
  sourceId: m.sourceId,
  claimId: m.claimId,
  eventId: m.eventId,
  language: m.language,
  stance: m.stance,
  speaker: m.speaker,
  speakerVia: m.speakerVia,
  slots: sortedSlots(m.slots),
  sentence: m.sentence,
  start: m.start,
  end: m.end,
  cues: m.cues,
  negation: m.negation,
  segmentRole: m.segmentRole,
  backReference: m.backReference,
  timeCues: m.timeCues,
  primary
})

export const CLAIMS_CSV_HEADER = ["source_id", "claim_id", "event_id", "language", "stance", "speaker", "speaker_via", "slots", "primary", "back_reference", "cues", "start", "end", "sentence"]

const slotText = (slots: Readonly<Record<string, unknown>>) => Object.keys(slots).sort().map((k) => `${k}=${String(slots[k])}`).join("; ")

/** A source's pieces of the reports, as text. */
export interface SourceTexts {
  /** report.json: the source's element of `sources` */
  readonly sourceJson: string
  /** report.json: its elements of `matches`, joined by ",\n"; "" when it has none */
  readonly matchesJson: string
  /** report.json: its elements of `diagnostics`, joined by ",\n"; "" when it has none */
  readonly diagnosticsJson: string
  /** claims.csv: its rows */
  readonly claimRows: string
}

/**
 * The pieces as UTF-8 bytes, encoded where they were rendered: their buffers move from a worker to the writer
 * without a copy, and the writer writes them as they are.
 */
export type SourcePieces = { readonly [K in keyof SourceTexts]: Uint8Array }

const utf8 = new TextEncoder()
/** Room for the longest piece so far: a UTF-16 unit takes at most 3 bytes of UTF-8. */
let scratch = new Uint8Array(1 << 16)

/**
 * `utf8.encode(text)`, by `encodeInto` a buffer kept for the next piece and a copy of the bytes written: on
 * rendered pieces of Greek, Cyrillic and Latin text this took two thirds of the time.
 */
const encode = (text: string): Uint8Array => {
  if (text.length === 0) return new Uint8Array(0)
  if (scratch.length < 3 * text.length) scratch = new Uint8Array(Math.max(3 * text.length, 2 * scratch.length))
  return scratch.slice(0, utf8.encodeInto(text, scratch).written)
}

export const encodePieces = (texts: SourceTexts): SourcePieces => ({
  sourceJson: encode(texts.sourceJson),
  matchesJson: encode(texts.matchesJson),
  diagnosticsJson: encode(texts.diagnosticsJson),
  claimRows: encode(texts.claimRows)
})

/** The buffers a worker hands over with the pieces. */
export const piecesBuffers = (pieces: SourcePieces): Array<ArrayBuffer> =>
  [pieces.sourceJson, pieces.matchesJson, pieces.diagnosticsJson, pieces.claimRows].map((bytes) => bytes.buffer as ArrayBuffer)

/**
 * @param matches the source's matches, aligned, in the report's order (catalogue order of the claims, then position)
 * @param primaries the matches that speak for the source in comparisons
 * @param diagnostics every diagnostic about the source
 */
export const renderSourcePieces = (
  entry: SourceEntry,
  matches: ReadonlyArray<Match>,
  primaries: ReadonlySet<Match>,
  diagnostics: ReadonlyArray<Diagnostic>
): SourceTexts => ({
  sourceJson: jsonElements([entry]),
  matchesJson: jsonElements(matches.map((m) => matchEntry(m, primaries.has(m)))),
  diagnosticsJson: jsonElements(
    [...diagnostics]
      .sort((a, b) => byText(a.code, b.code) || byText(a.message, b.message))
      .map((d) => ({ code: d.code, sourceId: d.sourceId, message: d.message }))
  ),
  claimRows: csvRows(matches.map((m) =>
    [m.sourceId, m.claimId, m.eventId, m.language, m.stance, m.speaker, m.speakerVia, slotText(m.slots), primaries.has(m), m.backReference, m.cues.join(" "), m.start, m.end, m.sentence]
  ))
})

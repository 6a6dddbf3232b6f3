/** The run's findings → the text of `report.json`: keys in a fixed order, arrays sorted, no clock, so equal inputs give equal bytes. */
import type { Diagnostic, Document } from "../domain/Document.ts"
import type { Ignored, Rejected } from "../domain/Source.ts"

export interface ReportInput {
  readonly investigation: string
  readonly documents: ReadonlyArray<Document>
  readonly eventIds: ReadonlyMap<string, string | null>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly matches: ReadonlyArray<unknown>
  readonly discrepancies: ReadonlyArray<unknown>
}

const sourceEntry = (document: Document, eventId: string | null) => ({
  id: document.id,
  file: document.file,
  metaFile: document.metaFile,
  language: document.language,
  languageConfidence: round(document.languageConfidence),
  eventId,
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

const round = (n: number) => Math.round(n * 1000) / 1000

export const renderReportJson = (input: ReportInput): string =>
  JSON.stringify(
    {
      investigation: input.investigation,
      sources: input.documents.map((d) => sourceEntry(d, input.eventIds.get(d.id) ?? null)),
      matches: input.matches,
      discrepancies: input.discrepancies,
      rejected: input.rejected.map((r) => ({ file: r.file, reason: r.reason, message: r.message })),
      ignored: input.ignored.map((i) => ({ file: i.file, reason: i.reason })),
      diagnostics: input.diagnostics.map((d) => ({ code: d.code, sourceId: d.sourceId, message: d.message }))
    },
    null,
    2
  ) + "\n"

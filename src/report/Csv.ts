/** The report → the three CSV files: RFC 4180, UTF-8 with a byte-order mark (Excel then reads Greek and Cyrillic right), CRLF, no cell a spreadsheet would run as a formula. */
import * as aq from "arquero"
import { stringify } from "csv-stringify/sync"
import type { ReportDocument } from "../domain/Report.ts"

/**
 * A cell starting with = + - @ tab or carriage return is a formula to Excel and
 * LibreOffice (OWASP CSV injection); a leading apostrophe makes it text. The
 * original stays untouched in report.json.
 */
export const neutralizeCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const cell = (value: unknown): string =>
  value === null || value === undefined ? "" : neutralizeCell(typeof value === "string" ? value : String(value))

/** The CSV in pieces, a row at a time, so a file of a million rows is never one string. */
export function* csvPieces(header: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<unknown>>): Generator<string> {
  yield "\uFEFF" + stringify([header.map(cell)], { record_delimiter: "windows" })
  for (const row of rows) yield stringify([row.map(cell)], { record_delimiter: "windows" })
}

export const renderCsv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>): string =>
  [...csvPieces(header, rows)].join("")

const slotText = (slots: Readonly<Record<string, unknown>>) => Object.keys(slots).sort().map((k) => `${k}=${String(slots[k])}`).join("; ")

export const claimsCsvPieces = (report: ReportDocument): Iterable<string> =>
  csvPieces(
    ["source_id", "claim_id", "event_id", "language", "stance", "speaker", "speaker_via", "slots", "primary", "back_reference", "cues", "start", "end", "sentence"],
    (function*() {
      for (const m of report.matches) {
        yield [m.sourceId, m.claimId, m.eventId, m.language, m.stance, m.speaker, m.speakerVia, slotText(m.slots), m.primary, m.backReference, m.cues.join(" "), m.start, m.end, m.sentence]
      }
    })()
  )

export const renderDiscrepanciesCsv = (report: ReportDocument): string =>
  renderCsv(
    ["id", "claim_id", "kind", "cross_event", "event_ids", "slot", "source_ids", "values", "summary"],
    report.discrepancies.map((d) => [d.id, d.claimId, d.kind, d.crossEvent, d.eventIds.join(" "), d.slot, d.sourceIds.join(" "), d.values.join(" | "), d.summary])
  )

/** What a coverage cell says: stance, speaker and the slot values; "—" where the source does not report the claim. */
const cellText = (m: ReportDocument["matches"][number]) => {
  const slots = Object.values(m.slots).filter((v) => typeof v !== "boolean").map(String)
  return [m.stance, `(${m.speaker})`, ...slots].join(" ")
}

/** Claims × sources, sources ordered by event: built with arquero from the primary matches. */
export const renderCoverageCsv = (report: ReportDocument, claimIds: ReadonlyArray<string>): string => {
  const sources = [...report.sources].sort((a, b) => ((a.eventId ?? "~") < (b.eventId ?? "~") ? -1 : (a.eventId ?? "~") > (b.eventId ?? "~") ? 1 : a.id < b.id ? -1 : 1))
  const primaries = report.matches.filter((m) => m.primary)
  // arquero groups the primary matches by claim and source (one cell each); the wide layout is then a lookup,
  // which stays linear where a pivot over thousands of source columns does not
  const cells = primaries.length === 0
    ? []
    : aq.from(primaries.map((m) => ({ claim: m.claimId, source: m.sourceId, cell: cellText(m) })))
      .groupby("claim", "source")
      .rollup({ cell: aq.op.any("cell") })
      .objects() as Array<{ claim: string; source: string; cell: string }>
  const byClaim = new Map<string, Record<string, string>>()
  for (const { claim, source, cell } of cells) {
    const row = byClaim.get(claim) ?? { claim }
    row[source] = cell
    byClaim.set(claim, row)
  }
  // every claim appears, also one no source reports; a source without a match reads "—"
  const wide = claimIds.map((claim) => byClaim.get(claim) ?? ({ claim } as Record<string, string>))
  const header = ["claim_id", ...sources.map((s) => s.id)]
  const eventRow = ["event", ...sources.map((s) => s.eventId ?? "unassigned")]
  const languageRow = ["language", ...sources.map((s) => s.language)]
  return renderCsv(header, [eventRow, languageRow, ...wide.map((row) => [row["claim"], ...sources.map((s) => row[s.id] ?? "—")])])
}

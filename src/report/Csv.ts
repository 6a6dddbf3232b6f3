/** The report → the three CSV files: RFC 4180, UTF-8 with a byte-order mark (Excel then reads Greek and Cyrillic right), CRLF, no cell a spreadsheet would run as a formula. */
import * as aq from "arquero"
import type { Primary } from "../compare/Align.ts"
import type { Discrepancy } from "../domain/Discrepancy.ts"
import { sortedSlots } from "../domain/Match.ts"

/**
 * A cell starting with = + - @ tab or carriage return is a formula to Excel and
 * LibreOffice (OWASP CSV injection); a leading apostrophe makes it text. The
 * original stays untouched in report.json.
 */
export const neutralizeCell = (value: string): string => {
  if (value.length === 0) return value
  // the first unit read directly: this runs for every cell of every row
  const first = value.charCodeAt(0)
  return first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d ? `'${value}` : value
}

const cell = (value: unknown): string =>
  value === null || value === undefined ? "" : neutralizeCell(typeof value === "string" ? value : String(value))

/** A field with a comma, a quotation mark or a line break is quoted, its quotation marks doubled (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/

const field = (value: string): string => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/**
 * One record, CRLF-terminated: what csv-stringify writes for it with `record_delimiter: "windows"` and
 * `quote_record_delimiter: true` (a test holds the two to the same bytes; without the second option csv-stringify
 * leaves a bare line break unquoted, and a spreadsheet starts a new row inside the cell). Every match of a drop is a
 * row of claims.csv, and csv-stringify's general path (a cast, an options object and a pair of arrays per field)
 * allocated a fifth of a source worker's memory and took 6 % of its time on the generated 10,000-article drop.
 */
export const csvRow = (row: ReadonlyArray<unknown>): string => {
  let line = ""
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += ","
    line += field(cell(row[i]))
  }
  return line + "\r\n"
}

/** Records, each CRLF-terminated; "" for none. */
export const csvRows = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string => {
  let out = ""
  for (const row of rows) out += csvRow(row)
  return out
}

/** The CSV in pieces, a row at a time, so a file of a million rows is never one string. */
export function* csvPieces(header: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<unknown>>): Generator<string> {
  yield "\uFEFF" + csvRow(header)
  for (const row of rows) yield csvRow(row)
}

export const renderCsv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>): string =>
  [...csvPieces(header, rows)].join("")

/** A row at a time: in a large drop one discrepancy names thousands of sources. */
export const discrepanciesCsvPieces = (discrepancies: ReadonlyArray<Discrepancy>): Iterable<string> =>
  csvPieces(
    ["id", "claim_id", "kind", "cross_event", "event_ids", "slot", "source_ids", "values", "summary"],
    (function*() {
      for (const d of discrepancies) yield [d.id, d.claimId, d.kind, d.crossEvent, d.eventIds.join(" "), d.slot, d.sourceIds.join(" "), d.values.join(" | "), d.summary]
    })()
  )

/** What a coverage cell says: stance, speaker and the slot values; "—" where the source does not report the claim. */
const cellText = (p: Primary) => {
  const slots = Object.values(sortedSlots(p.slots)).filter((v) => typeof v !== "boolean").map(String)
  return [p.stance, `(${p.speaker})`, ...slots].join(" ")
}

export interface CoverageSource {
  readonly id: string
  readonly eventId: string | null
  readonly language: string
  readonly primaries: ReadonlyArray<Primary>
}

/**
 * Claims × sources, sources ordered by event (unassigned last), then by id: the order comes from an arquero
 * table of the sources; a row is then one lookup per source, linear in the drop.
 */
export const coverageCsvPieces = (sources: ReadonlyArray<CoverageSource>, claimIds: ReadonlyArray<string>): Iterable<string> => {
  const ordered = sources.length === 0
    ? []
    : (aq.table({ index: sources.map((_, i) => i), event: sources.map((s) => s.eventId ?? "~"), id: sources.map((s) => s.id) })
      .orderby("event", "id")
      .array("index") as ArrayLike<number>)
  const columns = Array.from(ordered, (i) => sources[i]!)
  const claimIndex = new Map(claimIds.map((id, i) => [id, i]))
  // cells[claim][column]: every claim appears, also one no source reports; a source without a match reads "—"
  const cells = claimIds.map(() => new Array<string>(columns.length).fill("—"))
  // sources share their readings (PrimaryTable): each reading's text is made once
  const texts = new Map<Primary, string>()
  columns.forEach((source, column) => {
    for (const p of source.primaries) {
      const row = claimIndex.get(p.claimId)
      if (row === undefined) continue
      let text = texts.get(p)
      if (text === undefined) texts.set(p, text = cellText(p))
      cells[row]![column] = text
    }
  })
  return csvPieces(
    ["claim_id", ...columns.map((s) => s.id)],
    [
      ["event", ...columns.map((s) => s.eventId ?? "unassigned")],
      ["language", ...columns.map((s) => s.language)],
      ...claimIds.map((claim, row) => [claim, ...cells[row]!])
    ]
  )
}

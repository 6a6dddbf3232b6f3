import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { readHeader } from "../../src/normalize/Normalize.ts"
import { normalizeText, toOriginal } from "../../src/text/NormalizedText.ts"
import { expectGolden } from "../support/golden.ts"
import { seedNormalized } from "../support/seeds.ts"

const fixtures = new URL("../fixtures/normalize/", import.meta.url).pathname
const byId = (prefix: string) => seedNormalized.find((n) => n.document.id.startsWith(prefix))!.document

describe("normalized seeds", () => {
  for (const { document } of seedNormalized) {
    it(`${document.id} matches its golden file`, () => {
      expectGolden(join(fixtures, `${document.id}.json`), JSON.stringify(document, null, 2) + "\n")
    })
  }

  it("gives the languages of the seeds", () => {
    expect(seedNormalized.map((n) => n.document.language)).toEqual(["hu", "sl", "el", "de", "de"])
  })

  it("reads the header of 000: date and section", () => {
    expect(byId("000").published).toBe("2023-09")
    expect(byId("000").headerSection).toBe("Diplomácia")
  })

  it("keeps the Greek seed's text that follows its header on the same line", () => {
    const greek = byId("002")
    expect(greek.published).toBe("2023-09")
    expect(greek.headerSection).toBeNull()
    const source = seedNormalized.find((n) => n.document.id.startsWith("002"))!.text.original
    expect(source.slice(greek.segments[0]!.start, greek.segments[0]!.start + 12)).toBe("Την ώρα που ")
  })

  it("finds the English tweet at the end of 002 with its author and date", () => {
    const post = byId("002").segments.filter((s) => s.role === "embedded-post")
    expect(post).toHaveLength(1)
    expect(post[0]!.language).toBe("en")
    expect(post[0]!.author).toBe("NEXTA (@nexta_tv)")
    expect(post[0]!.date).toBe("September 13, 2023")
    expect(byId("002").segments.filter((s) => s.role === "body").every((s) => s.language === "el")).toBe(true)
  })

  it("marks 003's photo credit and its teaser as boilerplate", () => {
    const source = seedNormalized.find((n) => n.document.id.startsWith("003"))!.text.original
    const boilerplate = byId("003").segments.filter((s) => s.role === "boilerplate").map((s) => source.slice(s.start, s.end))
    expect(boilerplate).toEqual([
      "Quelle: www.globallookpress.com © Kremlin Pool / via Global Look Press",
      "Mehr zum Thema – Nicht gut für die Ukraine: USA in Alarmstimmung wegen möglichen Russland-Nordkorea-Militärpakt"
    ])
  })

  it("gives sentence offsets into the decoded text", () => {
    const n = seedNormalized.find((x) => x.document.id.startsWith("001"))!
    const sentences = n.document.segments.flatMap((s) => s.sentences)
    const texts = sentences.map((s) => n.text.original.slice(s.start, s.end))
    expect(texts).toContain("Z oklepnim vlakom je v Rusijo prispel v torek.")
    expect(texts.every((t) => t === t.trim() && t.length > 0)).toBe(true)
  })
})

describe("header", () => {
  it("reads date and section, or date and text on the same line", () => {
    expect(readHeader(" date 2023-09 Diplomácia\n\nText")).toEqual({ date: "2023-09", section: "Diplomácia", bodyStart: 24 })
    expect(readHeader(" date 2024-06\nText")).toMatchObject({ date: "2024-06", section: null })
    const long = " date 2023-09 Der Kreml sagt, die Gespräche seien gut verlaufen."
    expect(readHeader(long)).toMatchObject({ section: null, bodyStart: long.indexOf("Der") })
    expect(readHeader("No header here")).toEqual({ date: null, section: null, bodyStart: 0 })
  })
})

describe("normalized text", () => {
  it("unifies quotes and dashes without moving positions", () => {
    const n = normalizeText("„Wir“ – sagte er")
    expect(n.text).toBe("\"Wir\" - sagte er")
    expect(toOriginal(n, 6)).toBe(6)
  })

  it("composes decomposed letters and maps positions back to the decoded text", () => {
    const decomposed = "Pe\u0161kov je\r\nrekel"
    const n = normalizeText(decomposed)
    expect(n.text).toBe("Peškov je\nrekel")
    const k = n.text.indexOf("kov")
    expect(decomposed.slice(toOriginal(n, k), toOriginal(n, k + 3))).toBe("kov")
    const r = n.text.indexOf("rekel")
    expect(decomposed.slice(toOriginal(n, r))).toBe("rekel")
  })

  it("drops soft hyphens and zero-width spaces", () => {
    const n = normalizeText("Wla\u00ADdi\u200Bwostok")
    expect(n.text).toBe("Wladiwostok")
    expect(toOriginal(n, n.text.length)).toBe(13)
  })

  it("works cluster by cluster: each base character with its marks becomes its NFC form, mapped to the cluster's start", () => {
    const unified: Record<string, string> = { "\u201E": "\"", "\u201C": "\"", "\u2019": "'", "\u2013": "-", "\u00A0": " ", "\t": " " }
    const dropped = new Set(["\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"])
    // the definition, one cluster at a time
    const byCluster = (original: string) => {
      let text = ""
      const offsets: Array<number> = []
      for (const match of original.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
        let cluster = match[0]
        if (cluster === "\r") {
          if (original[match.index + 1] === "\n") continue
          cluster = "\n"
        }
        if (dropped.has(cluster)) continue
        const composed = unified[cluster] ?? cluster.normalize("NFC")
        text += composed
        for (let k = 0; k < composed.length; k++) offsets.push(match.index)
      }
      return { text, offsets: [...offsets, original.length] }
    }
    const samples = [
      "Pe\u0161kov\r\nje\rrekel\r",
      "e\u0301\u0301 a\u030A \u0301start",
      "\u212B \u2126 \u0958 \uF900 \u0340\u0341 \u0374 \u037E \u0387",
      "\u1100\u1161 \uAC00\u11A8",
      "\u00AD\u0301 \u200B\u0301 \r\u0301 \u201E\u0308 x\u201Cy\u2019z \u2013 \u00A0\t",
      "\uD83D\uDE00\u0301 \uD835\uDC00 \uD800 \uDC00\u0301 end\uD800",
      "ΟΔΟΣ\u0301 Ἀθῆναι \u03B1\u0313\u0342 кирилица\u0306 й"
    ]
    for (const original of samples) {
      const expected = byCluster(original)
      const n = normalizeText(original)
      expect(n.text, JSON.stringify(original)).toBe(expected.text)
      expect(Array.from({ length: n.text.length + 1 }, (_, i) => toOriginal(n, i)), JSON.stringify(original)).toEqual(expected.offsets)
    }
  })
})

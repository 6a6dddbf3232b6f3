/**
 * report.json written as the pieces come (matches and diagnostics held in memory, or spilled to files once over
 * the budget) is exactly the text `JSON.stringify(report, null, 2)` gives for the same report, with and without
 * sources, matches and diagnostics, whether or not spilled matches are copied by a thread of their own; a failed
 * run leaves no temporary file. A vectored write that stops short goes on from the first byte it did not write.
 */
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Discrepancy } from "../../src/domain/Discrepancy.ts"
import { Ignored, Rejected } from "../../src/domain/Source.ts"
import { appendInBackground } from "../../src/report/BackgroundCopy.ts"
import { ReportStream, unwritten } from "../../src/report/ReportJson.ts"
import { encodePieces, jsonElements, type SourcePieces } from "../../src/report/SourcePieces.ts"

const tool = { name: "crossclaim" as const, version: "9.9.9" }

const source = (id: string) => ({ id, file: `${id}.txt`, segments: [{ start: 0, end: 4, sentences: [{ start: 0, end: 4 }] }] })
const match = (sourceId: string, n: number) => ({ sourceId, claimId: `c${n}`, sentence: "Say \"hi\"\n\u2028 — Πούτιν", slots: { a: 1, b: "x" }, cues: [] })
const diagnostic = (sourceId: string) => ({ code: "legacy-encoding", sourceId, message: "decoded" })

const piecesOf = (id: string, matches: number, diagnostics: number): SourcePieces => encodePieces({
  sourceJson: jsonElements([source(id)]),
  matchesJson: jsonElements(Array.from({ length: matches }, (_, n) => match(id, n))),
  diagnosticsJson: jsonElements(Array.from({ length: diagnostics }, () => diagnostic(id))),
  claimRows: ""
})

const run = async (shape: ReadonlyArray<readonly [id: string, matches: number, diagnostics: number]>, budget?: number) => {
  const folder = mkdtempSync(join(tmpdir(), "crossclaim-stream-"))
  const stream = new ReportStream(folder, { tool, investigation: "probe", catalogueVersion: 3 }, budget)
  let spilled = false
  for (const [id, m, d] of shape) {
    stream.add(piecesOf(id, m, d))
    spilled ||= readdirSync(folder).some((f) => f.includes(".matches.") || f.includes(".diagnostics."))
  }
  const discrepancy = new Discrepancy({
    id: "c0/stance/e", claimId: "c0", kind: "stance", crossEvent: false, eventIds: ["e"], sourceIds: ["a"], values: ["affirms"],
    groups: [{ value: "affirms", label: "affirms", eventId: null, sourceIds: ["a"] }], slot: null, summary: "s"
  })
  const events = shape.length === 0 ? [] : [{ id: "e", title: null, date: "2023-09-13", place: null, sourceIds: shape.map(([id]) => id) }]
  const end = {
    discrepancies: shape.length === 0 ? [] : [discrepancy],
    rejected: [new Rejected({ file: "z.txt", reason: "empty", message: "empty" }), new Rejected({ file: "b.txt", reason: "binary", message: "bin" })],
    ignored: [new Ignored({ file: "x.md", reason: "not an article" })]
  }
  stream.endSources(events)
  const written = await stream.finish(end)
  const text = readFileSync(written.reportJson, "utf8")
  await stream.discard()
  const expected = {
    tool, investigation: "probe", catalogueVersion: 3,
    sources: shape.map(([id]) => source(id)),
    events,
    matches: shape.flatMap(([id, m]) => Array.from({ length: m }, (_, n) => match(id, n))),
    discrepancies: end.discrepancies.map((d) => ({ ...d })),
    rejected: [{ file: "b.txt", reason: "binary", message: "bin" }, { file: "z.txt", reason: "empty", message: "empty" }],
    ignored: [{ file: "x.md", reason: "not an article" }],
    diagnostics: shape.flatMap(([id, , d]) => Array.from({ length: d }, () => diagnostic(id)))
  }
  return { text, expected: JSON.stringify(expected, null, 2) + "\n", left: readdirSync(folder), spilled }
}

describe("report.json from spilled pieces", () => {
  it("is JSON.stringify's text of the whole report", async () => {
    const { text, expected, spilled } = await run([["a", 2, 1], ["b", 0, 0], ["c", 3, 2]])
    expect(spilled).toBe(false)
    expect(text).toBe(expected)
  })

  it("is the same text when the matches and diagnostics outgrow the memory budget and are spilled", async () => {
    const shape = [["a", 2, 1], ["b", 0, 0], ["c", 3, 2], ["d", 1, 0], ["e", 0, 3]] as const
    for (const budget of [0, 200, 600]) {
      const { text, expected, spilled, left } = await run(shape, budget)
      expect(spilled).toBe(true)
      expect(text).toBe(expected)
      expect(left).toEqual([])
    }
  })

  it("is the same text when the spilled matches take several rounds of the copying thread's buffer", async () => {
    // about 12 MB of matches, three times the thread's 4 MB buffer
    const shape = Array.from({ length: 300 }, (_, i) => [`s${String(i).padStart(3, "0")}`, 240, i % 7 === 0 ? 1 : 0] as const)
    const { text, expected, spilled, left } = await run(shape, 1 << 20)
    expect(spilled).toBe(true)
    expect(text.length).toBeGreaterThan(12 << 20)
    expect(text).toBe(expected)
    expect(left).toEqual([])
  })

  it("writes empty arrays as [] when no source, match or diagnostic came", async () => {
    const none = await run([])
    expect(none.text).toBe(none.expected)
    const { text, expected } = await run([["a", 0, 0]])
    expect(text).toBe(expected)
    expect(text).toContain(`"matches": []`)
  })

  it("leaves no temporary file behind once discarded", async () => {
    expect((await run([["a", 1, 1]])).left).toEqual([])
  })

  it("leaves no temporary file behind when discarded while spilled matches are being copied", async () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-stream-"))
    const stream = new ReportStream(folder, { tool, investigation: "probe", catalogueVersion: 3 }, 0)
    for (let i = 0; i < 50; i++) stream.add(piecesOf(`s${i}`, 100, 0))
    stream.endSources([])
    await stream.discard()
    expect(readdirSync(folder)).toEqual([])
  })
})

describe("appendInBackground", () => {
  it("appends a file to an open one on a thread of its own", async () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-copy-"))
    writeFileSync(join(folder, "from"), "Πούτιν\n".repeat(1000))
    const to = openSync(join(folder, "to"), "w")
    writeSync(to, "head\n")
    await appendInBackground(join(folder, "from"), to)
    writeSync(to, "tail\n")
    closeSync(to)
    expect(readFileSync(join(folder, "to"), "utf8")).toBe("head\n" + "Πούτιν\n".repeat(1000) + "tail\n")
    rmSync(folder, { recursive: true, force: true })
  })

  it("rejects with the reason when the file cannot be read", async () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-copy-"))
    const to = openSync(join(folder, "to"), "w")
    await expect(appendInBackground(join(folder, "missing"), to)).rejects.toThrow(/cannot copy .*missing: ENOENT/)
    closeSync(to)
    rmSync(folder, { recursive: true, force: true })
  })
})

describe("unwritten", () => {
  const bytes = (...values: Array<number>) => Uint8Array.from(values)
  const text = (buffers: ReadonlyArray<Uint8Array>) => buffers.map((b) => [...b].join(",")).join(" | ")
  const buffers = [bytes(1, 2, 3), bytes(4), bytes(5, 6)]

  it("leaves nothing once every byte went out", () => {
    expect(unwritten(buffers, 6)).toEqual([])
  })

  it("leaves every buffer when nothing went out", () => {
    expect(text(unwritten(buffers, 0))).toBe("1,2,3 | 4 | 5,6")
  })

  it("cuts the buffer a short write stopped in, and keeps those after it", () => {
    expect(text(unwritten(buffers, 2))).toBe("3 | 4 | 5,6")
    expect(text(unwritten(buffers, 5))).toBe("6")
  })

  it("starts at the next buffer when a short write stopped at a boundary", () => {
    expect(text(unwritten(buffers, 3))).toBe("4 | 5,6")
    expect(text(unwritten(buffers, 4))).toBe("5,6")
  })

  it("does not change the list it is given", () => {
    unwritten(buffers, 2)
    expect(text(buffers)).toBe("1,2,3 | 4 | 5,6")
  })
})

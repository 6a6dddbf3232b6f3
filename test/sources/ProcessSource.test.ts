import * as NodeServices from "@effect/platform-node/NodeServices"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { defaultIngestOptions, Ingest, type ReadArticle } from "../../src/ingest/Ingest.ts"
import { readArticleSync } from "../../src/sources/ProcessSource.ts"

const TestLayer = Ingest.layer.pipe(Layer.provideMerge(NodeServices.layer))
const mixed = new URL("../fixtures/drops/mixed/", import.meta.url).pathname

/** What a reading says, as plain data: the source's fields and each rejection. */
const plain = (read: ReadArticle) => ({
  source: read.source === null ? null : { ...read.source },
  rejected: read.rejected.map((r) => ({ file: r.file, reason: r.reason, message: r.message }))
})

describe("readArticleSync (the reader of the source workers)", () => {
  it.effect("reads every article of a drop with bad files as the Ingest service does", () =>
    Effect.gen(function*() {
      const ingest = yield* Ingest
      const drop = yield* ingest.list(mixed)
      expect(drop.articles.length).toBeGreaterThan(5)
      for (const article of drop.articles) {
        const expected = yield* ingest.read(mixed, article, defaultIngestOptions)
        expect(plain(readArticleSync(mixed, article, defaultIngestOptions)), article.file).toEqual(plain(expected))
      }
    }).pipe(Effect.provide(TestLayer)))

  it("rejects an article over the size limit unread, and its metadata with it", () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-read-"))
    try {
      writeFileSync(join(folder, "big.txt"), "Putin und Kim trafen sich in Wostotschny. ".repeat(10))
      writeFileSync(join(folder, "big.meta.json"), "{}")
      const read = readArticleSync(folder, { file: "big.txt", meta: "big.meta.json" }, { maxBytes: 100 })
      expect(read.source).toBeNull()
      expect(read.rejected.map((r) => [r.file, r.reason])).toEqual([["big.txt", "too-large"], ["big.meta.json", "meta-without-text"]])
      expect(read.rejected[0]!.message).toBe("big.txt: 420 bytes, over the limit of 100 bytes (see --max-bytes)")
      // at the limit it is read whole
      const whole = readArticleSync(folder, { file: "big.txt", meta: undefined }, { maxBytes: 420 })
      expect(whole.source?.text).toBe("Putin und Kim trafen sich in Wostotschny. ".repeat(10))
      expect(whole.source?.bytes).toBe(420)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it("says why a file that vanished or is a folder cannot be read, and keeps its metadata's fate", () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-read-"))
    try {
      writeFileSync(join(folder, "gone.meta.json"), "{}")
      mkdirSync(join(folder, "folder.txt"))
      const gone = readArticleSync(folder, { file: "gone.txt", meta: "gone.meta.json" }, defaultIngestOptions)
      expect(gone.source).toBeNull()
      expect(gone.rejected.map((r) => [r.file, r.reason])).toEqual([["gone.txt", "unreadable"], ["gone.meta.json", "meta-without-text"]])
      expect(gone.rejected[0]!.message).toMatch(/^gone\.txt: cannot be read \(ENOENT: /)
      const dir = readArticleSync(folder, { file: "folder.txt", meta: undefined }, defaultIngestOptions)
      expect(dir.source).toBeNull()
      expect(dir.rejected.map((r) => [r.file, r.reason])).toEqual([["folder.txt", "unreadable"]])
      expect(dir.rejected[0]!.message).toMatch(/^folder\.txt: cannot be read \(EISDIR: /)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

import * as NodeServices from "@effect/platform-node/NodeServices"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { defaultIngestOptions, Ingest, SourceFolderError } from "../../src/ingest/Ingest.ts"

const TestLayer = Ingest.layer.pipe(Layer.provideMerge(NodeServices.layer))
const mixed = new URL("../fixtures/drops/mixed/", import.meta.url).pathname

const ingest = (folder: string, maxBytes = defaultIngestOptions.maxBytes) =>
  Effect.gen(function*() {
    return yield* (yield* Ingest).folder(folder, { maxBytes })
  }).pipe(Effect.provide(TestLayer))

describe("Ingest of a drop with every kind of bad file", () => {
  it.effect("reads the good files and says why each other file was rejected or ignored", () =>
    Effect.gen(function*() {
      const result = yield* ingest(mixed)
      expect(result.sources.map((s) => [s.id, s.encoding])).toEqual([
        ["broken-json", "utf-8"],
        ["good-de", "utf-8"],
        ["legacy-sl", "windows-1250"],
        ["unknown-key", "utf-8"],
        ["wrong-type", "utf-8"]
      ])
      expect(result.sources.find((s) => s.id === "good-de")!.meta).toEqual({
        outlet: "Beispielblatt",
        published: "2023-09-13",
        language: "de",
        event: "vostochny-2023"
      })
      expect(result.sources.find((s) => s.id === "good-de")!.metaFile).toBe("good-de.meta.json")
      expect(result.rejected.map((r) => [r.file, r.reason])).toEqual([
        ["bom-only.txt", "empty"],
        ["broken-json.meta.json", "malformed-meta"],
        ["empty.txt", "empty"],
        ["mixed-encodings.txt", "undecodable"],
        ["orphan.meta.json", "meta-without-text"],
        ["report.txt", "binary"],
        ["unknown-key.meta.json", "malformed-meta"],
        ["wrong-type.meta.json", "malformed-meta"]
      ])
      const message = (file: string) => result.rejected.find((r) => r.file === file)!.message
      expect(message("unknown-key.meta.json")).toBe('unknown-key.meta.json: unknown field "author" (allowed: url, outlet, published, language, event)')
      expect(message("wrong-type.meta.json")).toBe("wrong-type.meta.json: field \"published\" must be a date YYYY, YYYY-MM or YYYY-MM-DD, got 2023")
      expect(message("broken-json.meta.json")).toMatch(/^broken-json\.meta\.json: not valid UTF-8 JSON/)
      expect(message("orphan.meta.json")).toBe("orphan.meta.json: there is no orphan.txt beside it")
      expect(message("report.txt")).toMatch(/PDF/)
      expect(result.ignored.map((i) => [i.file, i.reason])).toEqual([
        [".DS_Store", "hidden file"],
        ["notes.md", "not an article (.txt) or its metadata (.meta.json)"]
      ])
    }))

  it.effect("rejects files over the size limit unread", () =>
    Effect.gen(function*() {
      const result = yield* ingest(mixed, 60)
      const big = result.rejected.find((r) => r.file === "good-de.txt")!
      expect(big.reason).toBe("too-large")
      expect(big.message).toBe("good-de.txt: 102 bytes, over the limit of 60 bytes (see --max-bytes)")
      expect(result.rejected.find((r) => r.file === "good-de.meta.json")?.reason).toBe("meta-without-text")
    }))

  it.effect("fails with the folder's name when the folder cannot be read", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ingest("/nonexistent/drop"))
      expect(error).toBeInstanceOf(SourceFolderError)
      expect(error.message).toMatch(/^cannot read the source folder \/nonexistent\/drop: /)
    }))

  it.effect("lists a folder named like an article as ignored and leaves the drop unchanged", () =>
    Effect.gen(function*() {
      const folder = mkdtempSync(join(tmpdir(), "crossclaim-"))
      mkdirSync(join(folder, "nested.txt"))
      writeFileSync(join(folder, "a.txt"), "Kim und Putin.")
      const before = readdirSync(folder).map((f) => [f, statSync(join(folder, f)).mtimeMs])
      const result = yield* ingest(folder)
      expect(result.ignored.map((i) => i.file)).toEqual(["nested.txt"])
      expect(result.sources.map((s) => s.id)).toEqual(["a"])
      expect(readdirSync(folder).map((f) => [f, statSync(join(folder, f)).mtimeMs])).toEqual(before)
      rmSync(folder, { recursive: true })
    }))

  it.effect("rejects a file it cannot read and goes on with the others", () =>
    Effect.gen(function*() {
      if (process.getuid?.() === 0) return // root reads everything
      const folder = mkdtempSync(join(tmpdir(), "crossclaim-"))
      writeFileSync(join(folder, "locked.txt"), "Kim.")
      chmodSync(join(folder, "locked.txt"), 0)
      writeFileSync(join(folder, "open.txt"), "Putin.")
      const result = yield* ingest(folder)
      expect(result.rejected.map((r) => [r.file, r.reason])).toEqual([["locked.txt", "unreadable"]])
      expect(result.sources.map((s) => s.id)).toEqual(["open"])
      rmSync(folder, { recursive: true })
    }))
})

describe("Ingest never loses a file", () => {
  const name = fc.stringMatching(/^[\p{L}\p{N} ._=+@'()\-]{1,24}$/u)
  // few base names, so that articles and their metadata often meet
  const fileName = fc.tuple(fc.oneof(name, fc.constantFrom("a", "b", "=SUM(1)", "Kim")), fc.constantFrom(".txt", ".meta.json", ".md", "", ".TXT")).map(([n, ext]) => n + ext)
    .filter((n) => n !== "." && n !== ".." && !n.includes("/"))
  const content = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
    fc.constantFrom(new TextEncoder().encode('{"language":"de"}'), new TextEncoder().encode('{"x":1}'))
  )

  it("puts every file of a random drop in sources, rejected or ignored, exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fileName, content), { selector: ([n]) => n.normalize("NFC").toLowerCase(), maxLength: 12 }), async (files) => {
        const folder = mkdtempSync(join(tmpdir(), "crossclaim-prop-"))
        try {
          for (const [file, bytes] of files) writeFileSync(join(folder, file), bytes)
          const onDisk = readdirSync(folder).sort()
          const result = await Effect.runPromise(ingest(folder, 300))
          const seen = [...result.sources.flatMap((s) => (s.metaFile === null ? [s.file] : [s.file, s.metaFile])), ...result.rejected.map((r) => r.file), ...result.ignored.map((i) => i.file)].sort()
          expect(seen).toEqual(onDisk)
        } finally {
          rmSync(folder, { recursive: true })
        }
      }),
      { numRuns: 60, seed: 20260101 }
    )
  })
})

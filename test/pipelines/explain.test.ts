import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { join } from "node:path"
import { runExplain } from "../../pipelines/explain.ts"
import { defaultCatalogue, projectRoot } from "../../src/ProjectFiles.ts"
import { PipelineLayer } from "../support/pipeline.ts"

const explain = (source: string, claim: string) =>
  runExplain({ sources: join(projectRoot, "seeds"), catalogue: defaultCatalogue, maxBytes: 5_000_000, source, claim, top: 2 }).pipe(Effect.provide(PipelineLayer))

describe("explain", () => {
  it.effect("shows the matching sentence first, with its stance, speaker, slots and cues", () =>
    Effect.gen(function*() {
      const lines = yield* explain("003_0ba4148576c906b3", "talks-duration")
      expect(lines[2]).toMatch(/^ {2}sentence 12: Die Verhandlungen zwischen/)
      expect(lines).toContain("    MATCH: affirms by peskov (speech-verb); approx=true, minutes=60, scope=delegations; cues: Verhandlungen, eine, Stunde")
    }))

  it.effect("names the condition that failed where nothing matched", () =>
    Effect.gen(function*() {
      const lines = yield* explain("004_83fcd9591b34a538", "military-cooperation-prospects")
      expect(lines).toContain("    missing PROSPECT")
      expect(lines).toContain("    no match: no PROSPECT")
      expect(lines.at(-1)).toBe("0 matching sentence(s)")
    }))

  it.effect("fails with the known ids when the source or the claim does not exist", () =>
    Effect.gen(function*() {
      const noSource = yield* Effect.flip(explain("nope", "talks-duration"))
      expect(noSource.message).toMatch(/^no source "nope" in .*; sources: 000_13346463097e4644, /)
      const noClaim = yield* Effect.flip(explain("000_13346463097e4644", "nope"))
      expect(noClaim.message).toMatch(/^no claim "nope" in .*; claims: support-against-imperialism, /)
    }))
})

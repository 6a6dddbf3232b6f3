/**
 * `make check` on source drops: the seeds agree with their committed baseline; an
 * article that contradicts a known claim fails the check with a diff naming the
 * new discrepancy until it is recorded; a broken file fails and is named;
 * reordering files or running again changes nothing.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Layer } from "effect"
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runCheck, runDecide, runRecordBaseline } from "../../pipelines/check.ts"
import { defaultCatalogue, projectRoot } from "../../src/ProjectFiles.ts"
import { expectGolden } from "../support/golden.ts"
import { PipelineLayer } from "../support/pipeline.ts"

const seeds = join(projectRoot, "seeds")
const seedBaseline = join(projectRoot, "pipelines/kim-putin/baseline.json")
const contradiction = new URL("../fixtures/drops/contradiction/", import.meta.url).pathname
const fixtures = new URL("../fixtures/check/", import.meta.url).pathname

const run = <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof PipelineLayer>>) =>
  Effect.runPromise(effect.pipe(Effect.provide(Layer.merge(PipelineLayer, NodeServices.layer))))

/** A temporary drop made of the files of some folders, copied in the given order. */
const drop = (folders: ReadonlyArray<string>, reverse = false) => {
  const dir = mkdtempSync(join(tmpdir(), "crossclaim-drop-"))
  const files = folders.flatMap((f) => readdirSync(f).map((name) => [f, name] as const))
  for (const [folder, name] of reverse ? [...files].reverse() : files) copyFileSync(join(folder, name), join(dir, name))
  return dir
}

const baselineCopy = () => {
  const file = join(mkdtempSync(join(tmpdir(), "crossclaim-baseline-")), "baseline.json")
  copyFileSync(seedBaseline, file)
  return file
}

const check = (sources: string, baseline: string) =>
  run(runCheck({ sources, baseline, out: mkdtempSync(join(tmpdir(), "crossclaim-out-")), catalogue: defaultCatalogue, maxBytes: 5_000_000, workers: 0 }))

const stable = (lines: ReadonlyArray<string>, baseline: string) => lines.join("\n").replaceAll(baseline, "<baseline>") + "\n"

describe("make check", () => {
  it("passes on the seeds against the committed baseline", async () => {
    const result = await check(seeds, seedBaseline)
    expect(result.exitCode).toBe(0)
    expect(result.lines.at(-1)).toMatch(/^check passed: /)
  })

  it("fails on a contradicting article with a diff naming the new discrepancy, and passes once it is recorded", async () => {
    const sources = drop([seeds, contradiction])
    const baseline = baselineCopy()
    const failed = await check(sources, baseline)
    expect(failed.exitCode).toBe(1)
    expect(failed.lines).toContain("  new      no-agreements-signed/stance/vostochny-2023")
    expect(failed.lines.some((l) => l.startsWith("+no-agreements-signed/stance/vostochny-2023 | sources: 000_13346463097e4644, 003_0ba4148576c906b3, 900_wire-report"))).toBe(true)
    expectGolden(join(fixtures, "contradiction.txt"), stable(failed.lines, baseline))

    const before = JSON.parse(readFileSync(baseline, "utf8")) as { discrepancies: Array<{ id: string; decision: string; note: string }> }
    const decided = before.discrepancies.filter((e) => e.decision !== "unreviewed")
    expect(decided.length).toBeGreaterThan(0)
    await run(runRecordBaseline({ sources, baseline, out: mkdtempSync(join(tmpdir(), "crossclaim-out-")), catalogue: defaultCatalogue, maxBytes: 5_000_000, workers: 0 }))
    const after = JSON.parse(readFileSync(baseline, "utf8")) as typeof before
    for (const entry of decided.filter((e) => after.discrepancies.some((a) => a.id === e.id))) {
      expect(after.discrepancies.find((a) => a.id === entry.id)).toMatchObject({ decision: entry.decision, note: entry.note })
    }
    const passed = await check(sources, baseline)
    expect(passed.exitCode).toBe(0)

    await run(runDecide({ baseline, id: "no-agreements-signed/stance/vostochny-2023", decision: "dismissed", note: "the wire report was corrected" }))
    const decidedNow = JSON.parse(readFileSync(baseline, "utf8")) as typeof before
    expect(decidedNow.discrepancies.find((e) => e.id === "no-agreements-signed/stance/vostochny-2023")).toMatchObject({ decision: "dismissed", note: "the wire report was corrected" })
    expect((await check(sources, baseline)).exitCode).toBe(0)
  })

  it("fails on a drop with a broken file and names it", async () => {
    const sources = drop([seeds])
    writeFileSync(join(sources, "broken.txt"), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 1, 2, 3]))
    const result = await check(sources, seedBaseline)
    expect(result.exitCode).toBe(1)
    expect(result.lines.some((l) => l.startsWith("  rejected broken.txt (binary): "))).toBe(true)
    expect(result.lines.at(-1)).toBe("check failed: 1 file(s) rejected")
  })

  it("gives the same output whatever the order the files were written in, and when run again", async () => {
    const baseline = baselineCopy()
    const a = await check(drop([seeds, contradiction]), baseline)
    const b = await check(drop([seeds, contradiction], true), baseline)
    const c = await check(drop([seeds, contradiction], true), baseline)
    expect(stable(b.lines, baseline)).toBe(stable(a.lines, baseline))
    expect(stable(c.lines, baseline)).toBe(stable(a.lines, baseline))
  })
})

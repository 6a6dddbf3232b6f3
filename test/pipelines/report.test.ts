/**
 * The report pipeline on the seeds, end to end: golden report.json and CSVs, two
 * runs byte-identical, and the discrepancies of the seed gold found with the
 * right kind and same/cross-event flag.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { Cause, Effect, Exit, Schema } from "effect"
import { runReport } from "../../pipelines/report.ts"
import { ReportDocument } from "../../src/domain/Report.ts"
import { defaultCatalogue, projectRoot } from "../../src/ProjectFiles.ts"
import { expectGolden } from "../support/golden.ts"
import { OUTPUT_FILES, PipelineLayer, runPipeline } from "../support/pipeline.ts"

const fixtures = new URL("../fixtures/report/", import.meta.url).pathname
const gold = JSON.parse(readFileSync(new URL("../fixtures/gold/seeds.gold.json", import.meta.url), "utf8")) as {
  readonly discrepancies: ReadonlyArray<{ claim: string; kind: string; event: "same" | "cross"; sources: ReadonlyArray<string>; values?: ReadonlyArray<string | number> }>
}

let first: Awaited<ReturnType<typeof runPipeline>>
let second: Awaited<ReturnType<typeof runPipeline>>

beforeAll(async () => {
  first = await runPipeline(join(projectRoot, "seeds"))
  second = await runPipeline(join(projectRoot, "seeds"))
})

describe("report on the seeds", () => {
  for (const file of OUTPUT_FILES) {
    it(`${file} matches its golden file`, () => expectGolden(join(fixtures, file), first.files[file]))
    it(`${file} is byte-identical in a second run`, () => expect(second.files[file]).toBe(first.files[file]))
  }

  it("writes a report.json that decodes with the report schema", () => {
    expect(() => Schema.decodeUnknownSync(ReportDocument, { onExcessProperty: "error" })(JSON.parse(first.files["report.json"]))).not.toThrow()
  })

  it("finds every discrepancy of the seed gold with its kind and event flag", () => {
    const report = JSON.parse(first.files["report.json"]) as typeof ReportDocument.Type
    for (const expected of gold.discrepancies) {
      const found = report.discrepancies.filter((d) =>
        d.claimId === expected.claim && d.kind === expected.kind && d.crossEvent === (expected.event === "cross") &&
        expected.sources.every((s) => d.sourceIds.includes(s))
      )
      expect(found.map((d) => d.id), `${expected.claim} ${expected.kind} ${expected.event}-event`).toHaveLength(1)
      if (expected.values !== undefined) expect([...found[0]!.values].sort()).toEqual([...expected.values].sort())
    }
  })

  it("never reports a same-event discrepancy that mixes the two events", () => {
    const report = JSON.parse(first.files["report.json"]) as typeof ReportDocument.Type
    const eventOf = new Map(report.sources.map((s) => [s.id, s.eventId]))
    for (const d of report.discrepancies.filter((x) => !x.crossEvent)) {
      const events = new Set(d.groups.flatMap((g) => g.sourceIds).map((s) => eventOf.get(s)))
      expect(events.size, d.id).toBe(1)
    }
    const quantity = report.discrepancies.find((d) => d.id === "talks-duration/quantity/vostochny-2023")!
    expect(quantity.values).toEqual([60, 120])
  })

  it("puts every seed in its event", () => {
    const report = JSON.parse(first.files["report.json"]) as typeof ReportDocument.Type
    expect(report.sources.map((s) => [s.id.slice(0, 3), s.eventId])).toEqual([
      ["000", "vostochny-2023"], ["001", "vostochny-2023"], ["002", "vostochny-2023"], ["003", "vostochny-2023"], ["004", "pyongyang-2024"]
    ])
  })

  it("prints a summary of sources, events, matches, discrepancies and rejected files", () => {
    expect(first.summary.lines.slice(0, 2)).toEqual(["sources: 5 (de 2, el 1, hu 1, sl 1)", "events: 5 (pyongyang-2024 1, vostochny-2023 4)"])
    expect(first.summary.lines.some((l) => l.startsWith("discrepancies: "))).toBe(true)
  })
})

describe("a run that cannot write its outputs", () => {
  it("fails naming the file and leaves no temporary file in the output folder", async () => {
    const out = mkdtempSync(join(tmpdir(), "crossclaim-blocked-"))
    // a folder with content where report.json should go: its rename fails while claims.csv waits under its temporary name
    mkdirSync(join(out, "report.json", "keep"), { recursive: true })
    const exit = await Effect.runPromiseExit(
      runReport({ sources: join(projectRoot, "seeds"), out, catalogue: defaultCatalogue, maxBytes: 5 * 1024 * 1024, workers: 0 }).pipe(Effect.provide(PipelineLayer))
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect(String(Exit.isFailure(exit) ? Cause.squash(exit.cause) : "")).toMatch(/report\.json/)
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([])
  })
})

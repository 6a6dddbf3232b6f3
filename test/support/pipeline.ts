/** Runs the real report pipeline (the layers the command line uses) into a temporary folder. */
import { Effect } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runReport } from "../../pipelines/report.ts"
import { defaultCatalogue } from "../../src/ProjectFiles.ts"
import { MainLayer } from "../../src/MainLayer.ts"

export const PipelineLayer = MainLayer

export const OUTPUT_FILES = ["report.json", "report.schema.json", "claims.csv", "discrepancies.csv", "coverage.csv", "report.html"] as const

export const runPipeline = async (sources: string, catalogue = defaultCatalogue) => {
  const out = mkdtempSync(join(tmpdir(), "crossclaim-out-"))
  const summary = await Effect.runPromise(runReport({ sources, out, catalogue, maxBytes: 5 * 1024 * 1024, workers: 0 }).pipe(Effect.provide(PipelineLayer)))
  const files = Object.fromEntries(OUTPUT_FILES.map((f) => [f, readFileSync(join(out, f), "utf8")])) as Record<(typeof OUTPUT_FILES)[number], string>
  return { out, summary, files }
}

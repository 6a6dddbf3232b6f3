/** Runs the real report pipeline (the layers the command line uses) into a temporary folder. */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Layer } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runReport } from "../../pipelines/report.ts"
import { ExtractClaims } from "../../src/claims/Extract.ts"
import { Ingest } from "../../src/ingest/Ingest.ts"
import { Languages } from "../../src/languages/Languages.ts"
import { Normalize } from "../../src/normalize/Normalize.ts"
import { defaultCatalogue } from "../../src/ProjectFiles.ts"
import { SourcePool } from "../../src/sources/SourcePool.ts"

export const PipelineLayer = SourcePool.layer.pipe(
  Layer.provideMerge(Layer.mergeAll(Ingest.layer, Normalize.layer, ExtractClaims.layer)),
  Layer.provideMerge(Languages.layer),
  Layer.provideMerge(NodeServices.layer)
)

export const OUTPUT_FILES = ["report.json", "report.schema.json", "claims.csv", "discrepancies.csv", "coverage.csv", "report.html"] as const

export const runPipeline = async (sources: string, catalogue = defaultCatalogue) => {
  const out = mkdtempSync(join(tmpdir(), "crossclaim-out-"))
  const summary = await Effect.runPromise(runReport({ sources, out, catalogue, maxBytes: 5 * 1024 * 1024, workers: 0 }).pipe(Effect.provide(PipelineLayer)))
  const files = Object.fromEntries(OUTPUT_FILES.map((f) => [f, readFileSync(join(out, f), "utf8")])) as Record<(typeof OUTPUT_FILES)[number], string>
  return { out, summary, files }
}

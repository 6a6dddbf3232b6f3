/**
 * `make bench`: generates a deterministic synthetic drop, runs the whole report
 * pipeline on it several times, and prints articles/s, MB/s, wall and CPU time
 * per stage and peak memory, beside a floor: the same files read, decoded,
 * NFC-normalized, lower-cased and scanned once by one regular expression of all
 * lexicon forms in plain Node. Floor and pipeline runs take turns.
 */
import "../src/start/Tiering.ts"
import { Effect } from "effect"
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import yargs from "yargs"
import { hideBin } from "yargs/helpers"
import { runReport } from "../pipelines/report.ts"
import { loadLanguages } from "../src/languages/Languages.ts"
import { MainLayer } from "../src/MainLayer.ts"
import { defaultCatalogue, projectRoot } from "../src/ProjectFiles.ts"
import { fold } from "../src/text/Tokens.ts"
import { defaultWorkers } from "../src/sources/SourcePool.ts"
import { generateDrop } from "./generate.ts"

const argv = yargs(hideBin(process.argv))
  .scriptName("bench")
  .options({
    articles: { type: "number", default: 10_000, describe: "articles in the synthetic drop" },
    runs: { type: "number", default: 3, describe: "runs of the pipeline; medians are printed" },
    "floor-runs": { type: "number", default: 1, describe: "runs of the floor; the median is printed" },
    workers: { type: "number", default: defaultWorkers(), describe: "worker threads" },
    keep: { type: "boolean", default: false, describe: "keep the generated drop and the outputs" }
  })
  .strict()
  .parseSync()

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const fixed = (n: number, digits = 0) => n.toFixed(digits)

/** The floor: what any tool must do at least, in one pass with one regular expression. */
const floor = (folder: string) => {
  const languages = loadLanguages()
  const forms = new Set<string>()
  for (const resource of languages.resources.values()) {
    for (const list of Object.values(resource.concepts)) {
      for (const pattern of list) for (const word of pattern.split(/\s+/)) {
        const w = fold(word.replace(/[*=…]/g, "").replace(/\.\.\./g, ""))
        if (w.length >= 3) forms.add(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      }
    }
  }
  const regex = new RegExp(`(?:${[...forms].sort().join("|")})`, "gu")
  const wall = performance.now()
  const cpu = process.cpuUsage()
  let hits = 0
  const decoder = new TextDecoder("utf-8")
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith(".txt")) continue
    const text = decoder.decode(readFileSync(join(folder, file))).normalize("NFC").toLowerCase()
    hits += text.match(regex)?.length ?? 0
  }
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, forms: forms.size, hits }
}

const main = async () => {
  const folder = join(tmpdir(), `crossclaim-bench-${argv.articles}`)
  const generated = generateDrop(projectRoot, folder, argv.articles)
  const megabytes = generated.bytes / 1e6
  console.log(`drop: ${argv.articles} articles, ${fixed(megabytes, 1)} MB (deterministic, ${folder})`)
  // the floor and the pipeline take turns, so that the machine's drift during the benchmark touches both alike
  const floorRuns = Math.max(1, argv["floor-runs"])
  const pipelineRuns = Math.max(1, argv.runs)
  const floors: Array<ReturnType<typeof floor>> = []
  const runs: Array<{ wallMs: number; stages: ReadonlyArray<{ stage: string; wallMs: number; cpuMs: number }> }> = []
  for (let r = 0; r < Math.max(floorRuns, pipelineRuns); r++) {
    if (r < floorRuns) floors.push(floor(folder))
    if (r >= pipelineRuns) continue
    const out = join(tmpdir(), `crossclaim-bench-out-${argv.articles}`)
    const wall = performance.now()
    const summary = await Effect.runPromise(
      runReport({ sources: folder, out, catalogue: defaultCatalogue, maxBytes: 5 * 1024 * 1024, workers: argv.workers }).pipe(Effect.provide(MainLayer))
    )
    runs.push({ wallMs: performance.now() - wall, stages: summary.stages })
    if (r === 0) console.log(summary.lines.slice(0, 5).map((l) => `  ${l}`).join("\n"))
    if (!argv.keep) rmSync(out, { recursive: true, force: true })
  }
  const floorMs = median(floors.map((f) => f.wallMs))
  console.log(`floor: read + decode + NFC + lower-case + one regex of ${floors[0]!.forms} lexicon forms: ${fixed(floorMs)} ms wall (median of ${floors.length})`)
  const wallMs = median(runs.map((r) => r.wallMs))
  const walls = runs.map((r) => r.wallMs)
  // each run against the floor run just before it, where there is one; else against the floor's median
  const ratio = median(runs.map((r, k) => r.wallMs / (floors[k]?.wallMs ?? floorMs)))
  console.log(
    `pipeline: ${fixed(wallMs)} ms wall (median of ${runs.length}, ${fixed(Math.min(...walls))} to ${fixed(Math.max(...walls))}, ${argv.workers} workers): ` +
      `${fixed(argv.articles / (wallMs / 1000))} articles/s, ${fixed(megabytes / (wallMs / 1000), 2)} MB/s, ${fixed(ratio, 1)}× the floor` +
      (floors.length > 1 ? ` (median of the runs, each against the floor run before it)` : "")
  )
  for (const stage of runs[0]!.stages.map((s) => s.stage)) {
    const of = runs.map((r) => r.stages.find((s) => s.stage === stage)!)
    console.log(`  ${stage.padEnd(28)} ${fixed(median(of.map((s) => s.wallMs))).padStart(7)} ms wall ${fixed(median(of.map((s) => s.cpuMs))).padStart(7)} ms cpu`)
  }
  console.log(`peak memory (max RSS): ${fixed(process.resourceUsage().maxRSS / 1024)} MB`)
  if (!argv.keep) rmSync(folder, { recursive: true, force: true })
}

void main()

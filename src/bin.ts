#!/usr/bin/env node
/** The command line: parses argv with yargs and runs one pipeline. */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect, Layer } from "effect"
import yargs from "yargs"
import { hideBin } from "yargs/helpers"
import { runCheck, runDecide, runRecordBaseline } from "../pipelines/check.ts"
import { runExplain } from "../pipelines/explain.ts"
import { runLanguagesTable } from "../pipelines/languages.ts"
import { runReport } from "../pipelines/report.ts"
import { checkedStamp, recordCheckedLanguages } from "./languages/Languages.ts"
import { MainLayer } from "./MainLayer.ts"
import { defaultBaseline, defaultCatalogue } from "./ProjectFiles.ts"
import { defaultWorkers } from "./sources/SourcePool.ts"

const run = <E extends { readonly message: string }>(program: Effect.Effect<number, E, Layer.Success<typeof MainLayer>>) =>
  NodeRuntime.runMain(
    program.pipe(
      Effect.provide(MainLayer),
      Effect.catch((error) => Console.error(`crossclaim: ${error.message}`).pipe(Effect.as(2))),
      Effect.flatMap((code) => Effect.sync(() => { process.exitCode = code }))
    ),
    { disableErrorReporting: false }
  )

const sourceOptions = {
  sources: { type: "string", default: "seeds", describe: "folder of articles (<id>.txt, optional <id>.meta.json); only read" },
  out: { type: "string", default: "output", describe: "folder for report.json and the CSV files" },
  "max-bytes": { type: "number", default: 5 * 1024 * 1024, describe: "larger article files are rejected unread" },
  catalogue: { type: "string", default: defaultCatalogue, defaultDescription: "pipelines/kim-putin/claims.json", describe: "the claim catalogue" },
  workers: { type: "number", default: defaultWorkers(), defaultDescription: "the number of cores", describe: "worker threads for reading, normalizing and extracting (0: none); used for drops of 400 articles or more" }
} as const

const baselineOption = {
  type: "string",
  default: defaultBaseline,
  defaultDescription: "pipelines/kim-putin/baseline.json",
  describe: "the reviewed baseline of discrepancies"
} as const

const printLines = (lines: ReadonlyArray<string>) => Console.log(lines.join("\n"))

void yargs(hideBin(process.argv))
  .scriptName("crossclaim")
  .usage("$0 <command> [options]\n\nCompares the claims that articles in many languages make about one event.")
  .command(
    "report",
    "run the pipeline on a source folder and write the reports",
    (y) => y.options(sourceOptions),
    (argv) => {
      run(runReport({ sources: argv.sources, out: argv.out, maxBytes: argv["max-bytes"], catalogue: argv.catalogue, workers: argv.workers }).pipe(
        Effect.tap((summary) => printLines(summary.lines)),
        Effect.as(0)
      ))
    }
  )
  .command(
    "check",
    "the CI gate for a source drop: fails when a file is rejected or the discrepancies differ from the reviewed baseline",
    (y) => y.options({ ...sourceOptions, baseline: baselineOption }),
    (argv) => {
      run(runCheck({ sources: argv.sources, out: argv.out, maxBytes: argv["max-bytes"], catalogue: argv.catalogue, workers: argv.workers, baseline: argv.baseline }).pipe(
        Effect.tap((result) => printLines(result.lines)),
        Effect.map((result) => result.exitCode)
      ))
    }
  )
  .command(
    "baseline <action>",
    "record the current discrepancies in the reviewed baseline (keeping decisions and notes), or decide on one",
    (y) =>
      y
        .positional("action", { choices: ["record", "decide"] as const, describe: "record: write the current discrepancies; decide: mark one confirmed or dismissed" })
        .options({
          ...sourceOptions,
          baseline: baselineOption,
          id: { type: "string", describe: "decide: the discrepancy id" },
          decision: { choices: ["confirmed", "dismissed", "unreviewed"] as const, describe: "decide: the decision" },
          note: { type: "string", describe: "decide: a note for the next reviewer" }
        })
        .check((argv) => {
          if (argv.action === "decide" && (argv.id === undefined || argv.decision === undefined)) throw new Error("baseline decide needs --id and --decision")
          return true
        }),
    (argv) => {
      const options = { sources: argv.sources, out: argv.out, maxBytes: argv["max-bytes"], catalogue: argv.catalogue, workers: argv.workers, baseline: argv.baseline }
      run((argv.action === "record" ? runRecordBaseline(options) : runDecide({ baseline: argv.baseline, id: argv.id!, decision: argv.decision!, note: argv.note })).pipe(
        Effect.tap(printLines),
        Effect.as(0)
      ))
    }
  )
  .command(
    "explain",
    "show, for one source and one claim, the sentences that came closest and the condition that failed",
    (y) =>
      y.options({
        sources: sourceOptions.sources,
        catalogue: sourceOptions.catalogue,
        "max-bytes": sourceOptions["max-bytes"],
        source: { type: "string", demandOption: true, describe: "source id (file name without .txt)" },
        claim: { type: "string", demandOption: true, describe: "claim id from the catalogue" },
        top: { type: "number", default: 5, describe: "how many sentences to show" }
      }),
    (argv) => {
      run(runExplain({ sources: argv.sources, catalogue: argv.catalogue, maxBytes: argv["max-bytes"], source: argv.source, claim: argv.claim, top: argv.top }).pipe(
        Effect.tap(printLines),
        Effect.as(0)
      ))
    }
  )
  .command(
    "languages",
    "print the table of language resources (concepts covered, test sentences); --write puts it in README.md",
    (y) => y.options({
      write: { type: "boolean", default: false, describe: "replace the table in README.md" },
      check: { type: "boolean", default: false, describe: "check every resource whole and record it, so that runs skip the check until a resource changes (the build does this)" }
    }),
    (argv) => {
      if (argv.check) {
        try {
          const fingerprint = recordCheckedLanguages()
          console.log(`language resources checked: ${fingerprint.slice(0, 12)} recorded in ${checkedStamp}`)
        } catch (error) {
          console.error(`crossclaim: ${(error as Error).message}`)
          process.exitCode = 2
        }
        return
      }
      run(runLanguagesTable(argv.write).pipe(Effect.tap(printLines), Effect.as(0)))
    }
  )
  .check((argv) => {
    if (typeof argv["max-bytes"] === "number" && !(argv["max-bytes"] > 0)) throw new Error("--max-bytes must be a positive number")
    if (typeof argv["workers"] === "number" && !(Number.isInteger(argv["workers"]) && argv["workers"] >= 0)) throw new Error("--workers must be 0 or a positive whole number")
    return true
  })
  .demandCommand(1, "Say which command to run: report, check, baseline, explain or languages (see --help).")
  .strict()
  .recommendCommands()
  .help()
  .alias("h", "help")
  .version(false)
  .wrap(100)
  .fail((message, error, y) => {
    console.error(`crossclaim: ${message ?? error?.message}\n`)
    console.error(y.help() === undefined ? "" : "Run `crossclaim --help` for usage.")
    process.exit(2)
  })
  .parse()

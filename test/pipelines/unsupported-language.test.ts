/** A source in a language without resources is kept, named in a diagnostic and counted in the summary: never a silent zero. */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expect, it } from "vitest"
import { projectRoot } from "../../src/ProjectFiles.ts"
import { runPipeline } from "../support/pipeline.ts"

it("reports a Swedish article as not searched, and keeps it", async () => {
  const folder = mkdtempSync(join(tmpdir(), "crossclaim-sv-"))
  for (const file of readdirSync(join(projectRoot, "seeds"))) copyFileSync(join(projectRoot, "seeds", file), join(folder, file))
  writeFileSync(
    join(folder, "sv-article.txt"),
    "Nordkoreas ledare Kim Jong-un mötte Rysslands president Vladimir Putin på rymdbasen Vostotjnyj i onsdags. " +
      "Samtalen varade i ungefär två timmar, och enligt Kreml undertecknades inga avtal. " +
      "Kim sade att hans land alltid kommer att stå på Rysslands sida i kampen mot imperialismen.\n"
  )
  const { files, summary } = await runPipeline(folder)
  const report = JSON.parse(files["report.json"]) as {
    sources: Array<{ id: string; language: string }>
    matches: Array<{ sourceId: string }>
    diagnostics: Array<{ code: string; sourceId: string | null; message: string }>
  }
  expect(report.sources.find((s) => s.id === "sv-article")?.language).toBe("sv")
  expect(report.matches.filter((m) => m.sourceId === "sv-article")).toEqual([])
  expect(report.diagnostics).toContainEqual({ code: "no-resources", sourceId: "sv-article", message: "no resources for sv: claims not searched in its text" })
  expect(summary.lines).toContain("not searched (no language resources): 1 (sv-article 1)")
  // it omits nothing: a source that could not be searched is left out of the omissions
  const discrepancies = JSON.parse(files["report.json"]).discrepancies as Array<{ kind: string; sourceIds: Array<string> }>
  expect(discrepancies.filter((d) => d.kind === "omission" && d.sourceIds.includes("sv-article"))).toEqual([])
})

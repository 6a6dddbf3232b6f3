/** The README shows real output: its run summary and its table of languages are checked against the code. */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { END, languagesTable, START } from "../src/languages/CoverageTable.ts"
import { projectRoot } from "../src/ProjectFiles.ts"
import { languages } from "./support/extract.ts"
import { runPipeline } from "./support/pipeline.ts"

const readme = readFileSync(join(projectRoot, "README.md"), "utf8")
const between = (start: string, end: string) => readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim()

describe("README", () => {
  it("starts with the two commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!
    expect(firstBlock).toMatch(/^make report\b/m)
    expect(firstBlock).toMatch(/^make test\b/m)
  })

  it("shows the summary `make report` prints on the seeds", async () => {
    const { summary } = await runPipeline(join(projectRoot, "seeds"))
    const shown = between("<!-- report-summary:start (checked by test/readme.test.ts) -->", "<!-- report-summary:end -->")
    const lines = summary.lines.map((l) => l.replace(/^written: [^,]*\/report\.json/, "written: output/report.json"))
    expect(shown).toBe("```text\n" + lines.join("\n") + "\n```")
  })

  it("has the table of languages that `make languages` generates", () => {
    expect(between(START, END)).toBe(languagesTable(languages, join(projectRoot, "test/languages")))
  })
})

/** Rewrites the README's table of languages from the resources and their test cases. */
import { Effect } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { languagesTable, withLanguagesTable } from "../src/languages/CoverageTable.ts"
import { Languages } from "../src/languages/Languages.ts"
import { projectRoot } from "../src/ProjectFiles.ts"

export const runLanguagesTable = Effect.fn("runLanguagesTable")(function*(write: boolean) {
  const languages = yield* Languages
  const table = languagesTable(languages, join(projectRoot, "test/languages"))
  if (write) {
    const readme = join(projectRoot, "README.md")
    writeFileSync(readme, withLanguagesTable(readFileSync(readme, "utf8"), table))
  }
  return table.split("\n")
})

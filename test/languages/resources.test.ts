/** Every language resource loads, covers every concept, and compiles: the start-up check and the compiler agree. */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { describe, expect, it } from "vitest"
import { compiledFolder, loadLanguages, recordCheckedLanguages } from "../../src/languages/Languages.ts"
import { languagesFolder, projectRoot } from "../../src/ProjectFiles.ts"
import { patternLists, patternProblem, parsePattern, PatternError } from "../../src/languages/Lexicon.ts"
import { tokenizeForms } from "../../src/text/Tokens.ts"
import { languages } from "../support/extract.ts"

describe("language resources", () => {
  for (const [code, resource] of languages.resources) {
    it(`${code} covers every concept of the catalogue's inventory`, () => {
      expect(languages.concepts.filter((c) => (resource.concepts[c]?.length ?? 0) === 0)).toEqual([])
    })
    it(`${code} compiles`, () => {
      expect(() => languages.lexicon(code)).not.toThrow()
    })
  }

  it("checks patterns at start-up by the same rules as the compiler", () => {
    const samples = ["stem*", "*tail", "*part*", "ab*", "*ab", "*abc*", "a … b", "… b", "a …", "=x", "***", "90*", "Észak-Korea*", "ír* alá"]
    for (const pattern of samples) {
      let compiled: string | null = null
      try {
        parsePattern(pattern, () => "")
      } catch (error) {
        compiled = (error as PatternError).problem
      }
      expect(patternProblem(pattern) === null, pattern).toBe(compiled === null)
    }
    for (const [, resource] of languages.resources) {
      for (const [, list] of patternLists(resource)) for (const pattern of list) expect(patternProblem(pattern)).toBeNull()
    }
  })
})

describe("the record of checked resources", () => {
  const copy = () => {
    const folder = mkdtempSync(join(tmpdir(), "crossclaim-languages-"))
    cpSync(languagesFolder, folder, { recursive: true })
    return { folder, stamp: join(folder, "..", `${basename(folder)}.checked`) }
  }
  const edit = (folder: string, file: string, change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>
    change(json)
    writeFileSync(join(folder, file), JSON.stringify(json, null, 2))
  }

  it("lets a start skip the checks for the same bytes, with the same resources", () => {
    const { folder, stamp } = copy()
    const fingerprint = recordCheckedLanguages(folder, stamp)
    const trusted = loadLanguages(folder, { stamp })
    expect(trusted.fingerprint).toBe(fingerprint)
    expect([...trusted.resources]).toEqual([...loadLanguages(folder, { stamp: null }).resources])
  })

  it("keeps the compiled lexicons with the record: a start reads them, and they find what compiled ones find", () => {
    const { folder, stamp } = copy()
    recordCheckedLanguages(folder, stamp)
    const read = loadLanguages(folder, { stamp })
    const compiled = loadLanguages(folder, { stamp: null })
    const seeds = readdirSync(join(projectRoot, "seeds")).map((name) => readFileSync(join(projectRoot, "seeds", name), "utf8"))
    for (const [language, resource] of compiled.resources) {
      const fromFile = read.lexicon(language)!
      const fromPatterns = compiled.lexicon(language)!
      expect(fromFile.compiled(), language).toEqual(fromPatterns.compiled())
      // the language's own patterns, written out, and the seeds: every hit the same, in the same order
      const text = [...patternLists(resource).flatMap(([, list]) => list), ...seeds].join(" . ")
      const { tokens } = tokenizeForms(text)
      expect(fromFile.analyze(tokens).hits, language).toEqual(fromPatterns.analyze(tokens).hits)
    }
  })

  it("uses a compiled lexicon only when it was made from these very resources", () => {
    const { folder, stamp } = copy()
    recordCheckedLanguages(folder, stamp)
    const file = join(compiledFolder(stamp), "de.json")
    const json = JSON.parse(readFileSync(file, "utf8")) as { readonly fingerprint: string; readonly lexicon: { readonly entries: ReadonlyArray<unknown> } }
    const emptied = (fingerprint: string) => JSON.stringify({ fingerprint, lexicon: { ...json.lexicon, entries: [] } })
    // a file of the right fingerprint is read, not compiled again: emptied, it gives an empty lexicon
    writeFileSync(file, emptied(json.fingerprint))
    expect(loadLanguages(folder, { stamp }).lexicon("de")!.compiled().entries).toEqual([])
    // one left by other resources, or a broken one, is compiled over
    writeFileSync(file, emptied("other"))
    expect(loadLanguages(folder, { stamp }).lexicon("de")!.compiled()).toEqual(json.lexicon)
    writeFileSync(file, "{")
    expect(loadLanguages(folder, { stamp }).lexicon("de")!.compiled()).toEqual(json.lexicon)
  })

  it("does not hide a change made after the record: a bad pattern stops the start, naming the file and the list", () => {
    const { folder, stamp } = copy()
    recordCheckedLanguages(folder, stamp)
    edit(folder, "de.json", (json) => { (json["negation"] as Array<string>).push("… nicht") })
    expect(() => loadLanguages(folder, { stamp })).toThrow(/de\.json: negation: pattern "… nicht": a gap cannot start a pattern/)
  })

  it("does not hide a field of the wrong kind added after the record", () => {
    const { folder, stamp } = copy()
    recordCheckedLanguages(folder, stamp)
    edit(folder, "hu.json", (json) => { json["speechVerbs"] = "mondta" })
    expect(() => loadLanguages(folder, { stamp })).toThrow(/hu\.json: speechVerbs/)
  })

  it("refuses to record resources that do not compile", () => {
    const { folder, stamp } = copy()
    edit(folder, "el.json", (json) => { (json["pronouns"] as Array<string>).push("*ab") })
    expect(() => recordCheckedLanguages(folder, stamp)).toThrow(/el\.json/)
    expect(existsSync(stamp)).toBe(false)
  })
})

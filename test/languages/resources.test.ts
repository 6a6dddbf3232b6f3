/** Every language resource loads, covers every concept, and compiles: the start-up check and the compiler agree. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { describe, expect, it } from "vitest"
import { loadLanguages, recordCheckedLanguages } from "../../src/languages/Languages.ts"
import { languagesFolder } from "../../src/ProjectFiles.ts"
import { patternLists, patternProblem, parsePattern, PatternError } from "../../src/languages/Lexicon.ts"
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

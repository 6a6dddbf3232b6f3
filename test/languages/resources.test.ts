/** Every language resource loads, covers every concept, and compiles: the start-up check and the compiler agree. */
import { describe, expect, it } from "vitest"
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

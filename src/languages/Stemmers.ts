/**
 * Stemmers: Snowball algorithms (the @orama/stemmers ports) where the language has
 * one; for the others a suffix stripper driven by the resource's list of
 * inflectional endings (longest ending first, keeping a minimum stem).
 */
import { stemmer as bulgarian } from "@orama/stemmers/bulgarian"
import { stemmer as dutch } from "@orama/stemmers/dutch"
import { stemmer as english } from "@orama/stemmers/english"
import { stemmer as french } from "@orama/stemmers/french"
import { stemmer as german } from "@orama/stemmers/german"
import { stemmer as greek } from "@orama/stemmers/greek"
import { stemmer as hungarian } from "@orama/stemmers/hungarian"
import { stemmer as italian } from "@orama/stemmers/italian"
import { stemmer as portuguese } from "@orama/stemmers/portuguese"
import { stemmer as romanian } from "@orama/stemmers/romanian"
import { stemmer as russian } from "@orama/stemmers/russian"
import { stemmer as serbian } from "@orama/stemmers/serbian"
import { stemmer as spanish } from "@orama/stemmers/spanish"
import { stemmer as turkish } from "@orama/stemmers/turkish"
import { stemmer as ukrainian } from "@orama/stemmers/ukrainian"
import type { Stemmer } from "./LanguageResource.ts"
import { fold } from "../text/Tokens.ts"

const SNOWBALL = { bulgarian, dutch, english, french, german, greek, hungarian, italian, portuguese, romanian, russian, serbian, spanish, turkish, ukrainian }

/** Strips the longest listed ending that leaves at least `minStem` letters. */
export const suffixStemmer = (suffixes: ReadonlyArray<string>, minStem: number) => {
  const endings = [...new Set(suffixes.map(fold))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  return (word: string): string => {
    const folded = fold(word)
    for (const ending of endings) {
      if (folded.endsWith(ending) && folded.length - ending.length >= minStem) return folded.slice(0, folded.length - ending.length)
    }
    return folded
  }
}

/** The stemmer a resource asks for; words are lower-cased before a Snowball stemmer sees them. */
export const stemmerFor = (stemmer: Stemmer | null): ((word: string) => string) | null => {
  if (stemmer === null) return null
  if ("snowball" in stemmer) {
    const snowball = SNOWBALL[stemmer.snowball]
    return (word) => {
      try {
        return snowball(word.toLowerCase())
      } catch {
        // the Bulgarian port throws on some words ("единен"): the word is then its own stem
        return word.toLowerCase()
      }
    }
  }
  return suffixStemmer(stemmer.suffixes, stemmer.minStem)
}

/**
 * Makes a bundle ASCII. esbuild escapes every non-ASCII character of strings, templates and names, but leaves
 * those of comments and regular-expression literals as they are; one such character makes Node read the whole
 * 4 MB bundle as two-byte text, which costs every start about 10 ms. Each of them becomes a `\uXXXX` escape of
 * its UTF-16 unit: a comment does not mean anything, and in a regular expression, with or without the u or v
 * flag, the escape means the unit itself (an escaped surrogate pair, the code point). A non-ASCII unit right
 * after a backslash would change meaning: the rewrite refuses it.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs"

export const asciiSource = (text: string): string => {
  let out = ""
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    let backslashes = 0
    while (i - 1 - backslashes >= 0 && text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 1) throw new Error(`a non-ASCII character follows a backslash at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`)
    out += text.slice(from, i) + `\\u${code.toString(16).padStart(4, "0")}`
    from = i + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/** Rewrites a file as ASCII in place (a temporary file renamed over it). */
export const rewriteAscii = (file: string): void => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, asciiSource(readFileSync(file, "utf8")))
  renameSync(temporary, file)
}

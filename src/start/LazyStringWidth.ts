/**
 * string-width for the command line's bundle (the Makefile's ESBUILD_CJS puts it where yargs, cliui and
 * wrap-ansi import "string-width"), loaded the first time a string is not printable ASCII. yargs lays out its
 * help after every command, to have it at hand, and all of our help is printable ASCII, whose width is its
 * length (string-width's own first test). Loaded at start, string-width (three copies of it) cost about 40 ms:
 * an emoji expression with the v flag built at load, and the first `Intl.Segmenter` of the process.
 */
export type StringWidth = (text: string, options?: { readonly ambiguousIsNarrow?: boolean; readonly countAnsiEscapeCodes?: boolean }) => number

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/

/** string-width, with `load` giving the real one when a string first needs it. */
export const lazyStringWidth = (load: () => StringWidth): StringWidth => {
  let loaded: StringWidth | undefined
  return (text, options) => {
    if (typeof text === "string" && PRINTABLE_ASCII.test(text)) return text.length
    loaded ??= load()
    return loaded(text, options)
  }
}

// a require of the package's file (not of "string-width", which is this module in the bundle): esbuild runs the
// module it bundles there on the first call
export default lazyStringWidth(() => (require("../../node_modules/string-width/index.js") as { readonly default: StringWidth }).default)

/**
 * V8's tiering for a run, set on import, before any bundle is compiled: import it first. The code caches are
 * recorded under it, and V8 rejects a cache made with other flags, so every entry point that starts the bundles
 * (the command line, the benchmark) sets the same.
 *
 * A function is optimized once it has run 4× V8's default interrupt budget of bytecode. With the default, the hot
 * functions were optimized on the feedback of the first articles, then de-optimized and compiled again each time
 * data of a new shape arrived: on the generated 10,000-article drop, half of the TurboFan compiles (517 of 1,026)
 * were such recompiles, and every worker thread does its own. With 4× the budget: 686 compiles, 326 of them
 * recompiles, and 48 % less time compiling.
 */
import { setFlagsFromString } from "node:v8"

/** V8's default (66 KB of bytecode) × 4 */
const INTERRUPT_BUDGET = 4 * 66 * 1024

setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`)

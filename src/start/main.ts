#!/usr/bin/env node
/**
 * `crossclaim`: starts the command line's bundle (dist/crossclaim.cjs, from src/bin.ts) with its code cache;
 * with CROSSCLAIM_WRITE_CODE_CACHE=main (the build) it records the cache when the run ends.
 */
import { startBundle } from "./CodeCache.ts"

const started = startBundle(new URL("./crossclaim.cjs", import.meta.url))
if (process.env["CROSSCLAIM_WRITE_CODE_CACHE"] === "main") process.once("exit", started.record)

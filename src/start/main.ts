#!/usr/bin/env node
/** `crossclaim`: starts the command line's bundle (dist/crossclaim.cjs, from src/bin.ts) with its code cache. */
import { runBundle } from "./CodeCache.ts"

runBundle(new URL("./crossclaim.cjs", import.meta.url))

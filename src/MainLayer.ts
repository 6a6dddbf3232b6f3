/**
 * The services every pipeline runs with: the source pool and the per-source stages, the language resources, and
 * of the platform only what the pipelines use, Node's file system and paths. (NodeServices would also bring child
 * processes, sockets, stdio and a terminal, whose modules every start would load for nothing.)
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import { Layer } from "effect"
import { ExtractClaims } from "./claims/Extract.ts"
import { Ingest } from "./ingest/Ingest.ts"
import { Languages } from "./languages/Languages.ts"
import { Normalize } from "./normalize/Normalize.ts"
import { SourcePool } from "./sources/SourcePool.ts"

const PlatformLayer = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer)

export const MainLayer = SourcePool.layer.pipe(
  Layer.provideMerge(Layer.mergeAll(Ingest.layer, Normalize.layer, ExtractClaims.layer)),
  Layer.provideMerge(Languages.layer),
  Layer.provideMerge(PlatformLayer)
)

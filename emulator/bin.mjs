#!/usr/bin/env node
// The emulator is TypeScript; tsx (a dependency) runs it without a build.
import { tsImport } from "tsx/esm/api";

await tsImport("./main.ts", import.meta.url);

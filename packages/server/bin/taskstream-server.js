#!/usr/bin/env node
// The `taskstream-server` command. It lives outside dist/ so package managers can link it
// before the package is built; `pnpm --filter @taskstream/server build` makes dist/cli.js.
import '../dist/cli.js'

import { createTaskServer } from '@taskstream/server'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the local task server the live stories talk to. */
    taskstreamServer: string
  }
}

/** Starts a local task server for the stories' test run, and stops it after. */
export default async function startLocalServer(project: TestProject) {
  const server = createTaskServer({ port: 0 })
  project.provide('taskstreamServer', await server.listen())
  return () => server.close()
}

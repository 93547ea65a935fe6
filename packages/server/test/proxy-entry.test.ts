import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as edge from '../src/proxy'

/** Every module specifier reachable from `file` through relative imports. */
async function importsOf(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return []
  seen.add(file)
  const source = await readFile(file, 'utf8')
  const found: string[] = []
  for (const [, specifier = ''] of source.matchAll(/from '([^']+)'/g)) {
    if (!specifier.startsWith('.')) found.push(specifier)
    else found.push(...(await importsOf(join(dirname(file), `${specifier}.ts`), seen)))
  }
  return found
}

describe('@taskstream/server/proxy', () => {
  it('imports nothing outside itself, so edge runtimes can load it', async () => {
    const entry = join(import.meta.dirname, '../src/proxy.ts')

    expect(await importsOf(entry)).toEqual([])
    expect(typeof edge.createProxyHandler).toBe('function')
  })
})

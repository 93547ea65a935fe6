import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser'
import { type RunningDemo, startDemo } from './demo-server'

const taskCount = 50
// The demo keeps its task ids here, newest first, and re-attaches to them on load.
const storageKey = 'taskstream-demo:tasks'

let demo: RunningDemo
let browser: Browser
let page: Page

beforeAll(async () => {
  demo = await startDemo({ timeScale: 2 })
  browser = await launchChromium()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

/** Starts one task on the task server, over HTTP, as another tab would. */
async function startTask(app: string): Promise<string> {
  const response = await fetch(`${demo.serverUrl}/apps/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app, input: {} }),
  })
  const task = (await response.json()) as { id: string }
  return task.id
}

/** The lower-case status of every card's TaskProgress, in page order. */
function states(): Promise<(string | null)[]> {
  return page
    .locator('.demo-card .ts-task-progress')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')))
}

describe('fifty tasks on one page', () => {
  it('all reach COMPLETED on screen over HTTP/1.1, never over four streams', async () => {
    await page.goto(demo.url)
    await page.getByRole('button', { name: 'Run' }).waitFor()
    // Each task walks through every status in about six seconds.
    const ids = await Promise.all(
      Array.from({ length: taskCount }, () => startTask('local/lifecycle')),
    )

    // Save the fifty ids and reload: the demo re-attaches to tasks still running.
    await page.evaluate(([key, saved]) => localStorage.setItem(key, JSON.stringify(saved)), [
      storageKey,
      ids,
    ] as const)
    await page.reload()

    let mostStreams = 0
    const seen = new Set<string | null>()
    await expect
      .poll(
        async () => {
          mostStreams = Math.max(mostStreams, demo.openStreams())
          const shown = await states()
          for (const state of shown) seen.add(state)
          return shown.length === taskCount && shown.every((state) => state === 'completed')
        },
        { timeout: 45_000, interval: 100 },
      )
      .toBe(true)

    const shownIds = await page
      .locator('.demo-card')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')))
    expect(shownIds.sort()).toEqual(ids.map((id) => `Task ${id}`).sort())
    expect(seen.has('running')).toBe(true)
    expect(mostStreams).toBe(4)
  })
})

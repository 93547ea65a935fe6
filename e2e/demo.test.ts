import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchChromium } from './browser'
import { type RunningDemo, startDemo } from './demo-server'

let demo: RunningDemo
let browser: Browser
let page: Page

beforeAll(async () => {
  demo = await startDemo({ timeScale: 0.5 })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

beforeEach(async () => {
  page = await browser.newPage()
  await page.goto(demo.url)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await page.getByRole('button', { name: 'Run' }).waitFor()
})

/** Starts `app` from the demo's form and returns the card of the task it created. */
async function runApp(app: string, fields: Record<string, string> = {}): Promise<Locator> {
  const cards = page.locator('.demo-card')
  const before = await cards.count()

  await page.selectOption('select[name=app]', app)
  for (const [name, value] of Object.entries(fields)) {
    await page.fill(`input[name=${name}]`, value)
  }
  await page.getByRole('button', { name: 'Run' }).click()

  await expect.poll(() => cards.count()).toBe(before + 1)
  const label = await cards.first().getAttribute('aria-label')
  return page.locator(`.demo-card[aria-label="${label}"]`)
}

/** The lower-case status a card's TaskProgress shows, from its `data-state`. */
function stateOf(card: Locator): Promise<string | null> {
  return card.locator('.ts-task-progress').first().getAttribute('data-state')
}

describe('the demo', () => {
  it('runs local/image live: RUNNING, a rising bar, then the PNG', async () => {
    const card = await runApp('local/image', { prompt: 'a red fern', width: '96', height: '64' })
    const bar = card.getByRole('progressbar').first()

    const states = new Set<string>()
    const values: number[] = []
    await expect
      .poll(
        async () => {
          const state = await stateOf(card)
          if (state) states.add(state)
          const now = await bar.getAttribute('aria-valuenow').catch(() => null)
          if (now !== null && Number(now) !== values.at(-1)) values.push(Number(now))
          return state
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe('completed')

    expect(states).toContain('running')
    expect(values.length).toBeGreaterThan(2)
    expect(values).toEqual([...values].sort((a, b) => a - b))

    const image = card.locator('img').first()
    await image.waitFor()
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(96)
  })

  it('shows the error of local/fail', async () => {
    const card = await runApp('local/fail')

    await expect.poll(() => stateOf(card), { timeout: 20_000 }).toBe('failed')
    const alert = card.getByRole('alert').first()
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(0)
  })

  it('runs local/text, local/audio and local/lifecycle side by side to the end', async () => {
    const text = await runApp('local/text', { prompt: 'a short story' })
    const audio = await runApp('local/audio', { prompt: 'do re mi', duration: '1' })
    const lifecycle = await runApp('local/lifecycle')

    for (const card of [text, audio, lifecycle]) {
      await expect.poll(() => stateOf(card), { timeout: 30_000 }).toBe('completed')
    }

    expect((await text.locator('.ts-result-viewer').first().textContent())?.length).toBeGreaterThan(
      20,
    )
    await expect
      .poll(() => audio.locator('audio').first().getAttribute('src'))
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
  })

  it('cancels a running task', async () => {
    const card = await runApp('local/image', {
      prompt: 'slow',
      width: '64',
      height: '64',
      steps: '200',
    })
    await expect.poll(() => stateOf(card), { timeout: 20_000 }).toBe('running')

    await card.getByRole('button', { name: /cancel/i }).click()

    await expect.poll(() => stateOf(card), { timeout: 20_000 }).toBe('cancelled')
  })
})

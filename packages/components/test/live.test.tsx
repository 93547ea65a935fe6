import { createClient } from '@taskstream/core'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import './layout'
// One place for the server and provider harness: the hooks package's test helpers.
import { renderWithProvider, withTaskServer } from '../../react/test/render-with-provider'
import { LogConsole, ResultViewer, TaskProgress } from '../src/index'

const local = withTaskServer()

/** Starts a task on the local server with its own client, as another tab would. */
async function start(app: string, input: Record<string, unknown> = {}): Promise<string> {
  const task = await createClient({ baseUrl: local.url() }).run({ app, input }, { wait: false })
  return task.id
}

function progressRoot(): HTMLElement {
  const root = document.querySelector<HTMLElement>('.ts-task-progress')
  if (!root) throw new Error('no TaskProgress on screen')
  return root
}

const settle = { timeout: 8000 }

describe('components fed by taskId from the local server', () => {
  it('TaskProgress follows local/image to the finished PNG', async () => {
    const id = await start('local/image', { prompt: 'a fern', width: 16, height: 16, steps: 5 })
    renderWithProvider(<TaskProgress taskId={id} />, { url: local.url(), strict: true })

    expect(progressRoot().dataset.taskId).toBe(id)
    await waitFor(() => expect(progressRoot().dataset.state).toBe('completed'), settle)

    const image = screen.getByRole('img')
    expect(image.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//)
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
  })

  it("TaskProgress shows local/fail's error in an alert", async () => {
    const id = await start('local/fail')
    renderWithProvider(<TaskProgress taskId={id} variant="compact" />, { url: local.url() })

    await waitFor(() => expect(progressRoot().dataset.state).toBe('failed'), settle)
    expect(screen.getByRole('alert').textContent).toContain('ran out of memory at step 3')
  })

  it('TaskProgress cancels a running task through useCancelTask', async () => {
    const id = await start('test/hold')
    renderWithProvider(<TaskProgress taskId={id} />, { url: local.url() })

    await waitFor(() => expect(progressRoot().dataset.state).toBe('running'), settle)
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))

    await waitFor(() => expect(progressRoot().dataset.state).toBe('cancelled'), settle)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('LogConsole shows the live log, one row per line and colours without escape codes', async () => {
    const id = await start('local/fail')
    renderWithProvider(<LogConsole taskId={id} />, { url: local.url() })

    await waitFor(() => expect(screen.getByText(/out of memory at step 3/)).toBeTruthy(), settle)
    const log = screen.getByRole('log')
    expect(log.textContent).not.toContain('\u001b')
    expect(screen.getByText('error').className).toBe('ts-ansi-fg-red ts-ansi-bold')
    expect(log.querySelectorAll('.ts-log-line').length).toBeGreaterThanOrEqual(4)
  })

  it('ResultViewer shows the text local/text writes', async () => {
    const id = await start('local/text', { prompt: 'a lighthouse', max_tokens: 12 })
    const { store } = renderWithProvider(<ResultViewer taskId={id} />, { url: local.url() })

    await waitFor(() => expect(store.getState().tasks[id]?.statusName).toBe('COMPLETED'), settle)
    const output = store.getState().tasks[id]?.output as { text: string }
    await waitFor(() =>
      expect(document.querySelector('[data-kind="text"]')?.textContent).toBe(output.text),
    )
  })
})

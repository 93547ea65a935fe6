import { describe, expect, it } from 'vitest'
import { parseTqdm, progressFromTask, readProgress } from '../src/index'

describe('parseTqdm', () => {
  it('reads percent, counts, the time left and the rate from a tqdm bar', () => {
    expect(parseTqdm(' 45%|████      | 9/20 [00:03<00:04, 2.50it/s]')).toEqual({
      percent: 45,
      current: 9,
      total: 20,
      eta: 4,
      rate: 2.5,
    })
  })

  it('reads a bar after a description, in colour, with hours left', () => {
    const line = 'Sampling: \x1b[32m 50%|█████     | 10/20 [01:00<1:02:03, 0.5s/it]\x1b[0m'
    expect(parseTqdm(line)).toEqual({
      percent: 50,
      current: 10,
      total: 20,
      eta: 3723,
      rate: 2,
    })
  })

  it('reads scaled rates and leaves the rate out when the bar has none', () => {
    expect(parseTqdm('50%|█| 5/10 [00:01<00:01, 1.5kB/s]')?.rate).toBe(1500)
    expect(parseTqdm('50%|█| 5/10 [00:01<00:01]')).not.toHaveProperty('rate')
  })

  it('reads an unknown time left as null and scaled counts as numbers', () => {
    expect(parseTqdm('  0%|          | 0/1.5k [00:00<?, ?it/s]')).toEqual({
      percent: 0,
      current: 0,
      total: 1500,
      eta: null,
    })
  })

  it('finds nothing in lines that are not bars', () => {
    expect(parseTqdm('Loading weights 45%')).toBeNull()
    expect(parseTqdm('9it [00:03, 2.50it/s]')).toBeNull()
  })
})

describe('readProgress', () => {
  const lines = (...texts: string[]) => texts.map((text, id) => ({ id, text }))

  it('prefers the task progress field over the logs', () => {
    const task = { id: 't', status: 7, progress: { current: 3, total: 4 } }
    expect(readProgress(task, lines('10%|█| 1/10'))).toEqual({
      percent: 75,
      current: 3,
      total: 4,
      eta: null,
    })
  })

  it('reads a bare number as a percent', () => {
    expect(progressFromTask(30)?.percent).toBe(30)
    expect(progressFromTask(130)?.percent).toBe(100)
  })

  it('takes the last tqdm line of the logs, even with lines after it', () => {
    const log = lines('10%|█| 1/10', '20%|██| 2/10', 'saving')
    expect(readProgress({ id: 't', status: 7 }, log)?.percent).toBe(20)
  })

  it('is unknown when neither the task nor its logs say', () => {
    expect(readProgress({ id: 't', status: 7 }, lines('working'))).toBeNull()
    expect(readProgress(null, [])).toBeNull()
  })
})

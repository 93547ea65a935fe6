import { describe, expect, it } from 'vitest'
import { isTerminal, parseStatus, statusName, TaskStatus } from '../src/index'

describe('status', () => {
  it('names each status of the seed table', () => {
    expect(TaskStatus.RUNNING).toBe(7)
    expect(statusName(7)).toBe('RUNNING')
    expect(statusName(10)).toBe('COMPLETED')
    expect(statusName(99)).toBe('UNKNOWN')
  })

  it('treats only COMPLETED, FAILED and CANCELLED as terminal', () => {
    const terminal = Object.values(TaskStatus).filter((status) => isTerminal(status))
    expect(terminal.sort()).toEqual([10, 11, 12])
  })

  it('reads numbers and lower-case names from the wire', () => {
    expect(parseStatus(7)).toBe(TaskStatus.RUNNING)
    expect(parseStatus('running')).toBe(TaskStatus.RUNNING)
    expect(parseStatus('setting_up')).toBe(TaskStatus.SETTING_UP)
  })

  it('reads 9 as UPLOADING and 8 as CANCELLING on the newer table', () => {
    expect(parseStatus(9)).toBe(TaskStatus.UPLOADING)
    expect(parseStatus(8)).toBe(TaskStatus.UPLOADING)
    expect(parseStatus(8, 'v2')).toBe(TaskStatus.CANCELLING)
    expect(isTerminal(parseStatus(8, 'v2'))).toBe(false)
  })

  it('reads anything else as UNKNOWN, which is not terminal', () => {
    for (const value of [42, -1, 7.5, 'nope', null, undefined, {}, 13]) {
      expect(parseStatus(value)).toBe(TaskStatus.UNKNOWN)
    }
    expect(isTerminal(TaskStatus.UNKNOWN)).toBe(false)
  })
})

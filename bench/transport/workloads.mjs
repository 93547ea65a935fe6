/**
 * The benchmark's workloads: each is a list of events a task's stream carries, generated on
 * demand so that a workload of hundreds of megabytes never sits in memory.
 */

const task = (id) => ({ id, app: 'bench/app', status: 7, logs: '', output: null, progress: null })

/**
 * Every workload, by name: how many events it has, a generator of them, and whether its bytes
 * are small enough to hold in memory and replay for the warm runs.
 */
export const workloads = {
  'small-updates': {
    label: '10k small updates',
    events: 10_002,
    replayable: true,
    *frames(id) {
      yield { event: 'update', data: task(id) }
      for (let i = 1; i <= 10_000; i += 1) {
        const progress = { percent: i / 100, current: i, total: 10_000 }
        yield { event: 'update', data: { progress }, fields: ['progress'] }
      }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
  'text-whole': {
    label: '20k-token text, whole field',
    events: 20_002,
    *frames(id) {
      yield { event: 'update', data: task(id) }
      let text = ''
      for (let i = 0; i < 20_000; i += 1) {
        text += token(i)
        yield { event: 'update', data: { output: { text } }, fields: ['output'] }
      }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
  'text-delta': {
    label: '20k-token text, deltas',
    events: 20_002,
    replayable: true,
    *frames(id) {
      yield { event: 'update', data: { ...task(id), output: { text: '' } } }
      for (let i = 0; i < 20_000; i += 1) {
        yield { event: 'delta', append: { output: { text: token(i) } } }
      }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
  'logs-50k': {
    label: '50k log lines (deltas)',
    events: 50_002,
    replayable: true,
    *frames(id) {
      yield { event: 'update', data: task(id) }
      for (let i = 0; i < 50_000; i += 1) {
        yield { event: 'delta', append: { logs: logLine(i) } }
      }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
  'logs-1m': {
    label: '1M log lines (deltas)',
    events: 1_000_002,
    *frames(id) {
      yield { event: 'update', data: task(id) }
      for (let i = 0; i < 1_000_000; i += 1) {
        yield { event: 'delta', append: { logs: logLine(i) } }
      }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
  'output-5mb': {
    label: 'one 5 MB output',
    events: 3,
    replayable: true,
    *frames(id) {
      yield { event: 'update', data: task(id) }
      const text = 'x'.repeat(5 * 1024 * 1024)
      yield { event: 'update', data: { output: { text } }, fields: ['output'] }
      yield { event: 'update', data: { status: 10 }, fields: ['status'] }
    },
  },
}

/** One training-log line with a coloured word, as the log workloads send it. */
function logLine(i) {
  return `[${String(i).padStart(5, '0')}] step ${i}: \u001b[32mok\u001b[0m loss=0.${i}\n`
}

function token(i) {
  return i % 7 === 0 ? 'ab ' : 'a '
}

/** Puts one event into bytes: SSE, NDJSON as the local server writes it, or the SDK's NDJSON. */
export function encode(format, frame, id) {
  if (format === 'sse') {
    const payload =
      frame.event === 'delta'
        ? { append: frame.append }
        : frame.fields === undefined
          ? frame.data
          : { data: frame.data, fields: frame.fields }
    return `id: ${id}\nevent: ${frame.event}\ndata: ${JSON.stringify(payload)}\n\n`
  }
  if (format === 'sdk' && frame.event === 'delta') {
    return `${JSON.stringify({ event: 'delta', data: { delta: frame.append, seq: id } })}\n`
  }
  const line = {
    id,
    event: frame.event,
    data: frame.data,
    fields: frame.fields,
    append: frame.append,
  }
  return `${JSON.stringify(line)}\n`
}

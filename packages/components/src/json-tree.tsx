import { useState } from 'react'

/** Props of `JsonTree`. */
export interface JsonTreeProps {
  /** Any JSON-like value. */
  value: unknown
  /** Strings longer than this are cut until expanded. Default `200`. */
  maxString?: number
  /** Arrays and objects show this many entries until asked for more. Default `50`. */
  maxItems?: number
  /** Levels open at first; deeper ones start folded. Default `2`. */
  openDepth?: number
}

interface NodeProps {
  name: string | null
  value: unknown
  depth: number
  limits: Required<Omit<JsonTreeProps, 'value'>>
}

function Name({ name }: { name: string | null }) {
  if (name === null) return null
  return <span className="ts-json-key">{`${name}: `}</span>
}

function LongString({ text, max }: { text: string; max: number }) {
  const [open, setOpen] = useState(false)
  if (text.length <= max) return <span className="ts-json-string">{JSON.stringify(text)}</span>

  return (
    <>
      <span className="ts-json-string">
        {open ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, max)).slice(0, -1)}…"`}
      </span>{' '}
      <button type="button" className="ts-json-more" onClick={() => setOpen(!open)}>
        {open ? 'Show less' : `Show all ${text.length.toLocaleString('en')} characters`}
      </button>
    </>
  )
}

function Leaf({ value, max }: { value: unknown; max: number }) {
  if (typeof value === 'string') return <LongString text={value} max={max} />
  if (value === null || value === undefined) return <span className="ts-json-null">null</span>
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return <span className={`ts-json-${typeof value}`}>{String(value)}</span>
  }
  return <span className="ts-json-other">{String(value)}</span>
}

function Branch({ name, value, depth, limits }: NodeProps & { value: object }) {
  const [shown, setShown] = useState(limits.maxItems)
  const isArray = Array.isArray(value)
  const entries: [string, unknown][] = isArray
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value)
  const rest = entries.length - shown
  const size = isArray ? `[${entries.length}]` : `{${entries.length}}`

  return (
    <details className="ts-json-branch" open={depth < limits.openDepth}>
      <summary>
        <Name name={name} />
        <span className="ts-json-size">{size}</span>
      </summary>
      <ul className="ts-json-entries">
        {entries.slice(0, shown).map(([key, item]) => (
          <li key={key}>
            <JsonNode name={key} value={item} depth={depth + 1} limits={limits} />
          </li>
        ))}
        {rest > 0 && (
          <li>
            <button
              type="button"
              className="ts-json-more"
              onClick={() => setShown(shown + limits.maxItems)}
            >
              {`Show ${Math.min(rest, limits.maxItems)} more of ${rest}`}
            </button>
          </li>
        )}
      </ul>
    </details>
  )
}

function JsonNode({ name, value, depth, limits }: NodeProps) {
  if (typeof value === 'object' && value !== null) {
    return <Branch name={name} value={value} depth={depth} limits={limits} />
  }
  return (
    <>
      <Name name={name} />
      <Leaf value={value} max={limits.maxString} />
    </>
  )
}

/**
 * JSON as a tree of native `<details>` (folded and unfolded by keyboard too), with long
 * strings and long lists cut until asked for. Every value is a text node.
 */
export function JsonTree({ value, maxString = 200, maxItems = 50, openDepth = 2 }: JsonTreeProps) {
  return (
    <div className="ts-json">
      <JsonNode name={null} value={value} depth={0} limits={{ maxString, maxItems, openDepth }} />
    </div>
  )
}

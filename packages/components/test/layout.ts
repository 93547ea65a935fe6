import { afterAll, beforeAll } from 'vitest'

// jsdom lays nothing out, so a virtual list would see a 0×0 viewport and mount no row;
// give every element a size big enough for the short logs of these tests.
const sizes = { clientWidth: 800, clientHeight: 2000 } as const
const saved = new Map<string, PropertyDescriptor | undefined>()

beforeAll(() => {
  for (const [name, value] of Object.entries(sizes)) {
    saved.set(name, Object.getOwnPropertyDescriptor(Element.prototype, name))
    Object.defineProperty(Element.prototype, name, { configurable: true, get: () => value })
  }
})

afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(Element.prototype, name, descriptor)
  }
})

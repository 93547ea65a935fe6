import { createRandom } from '../random'

// Original text written for this chain; it only needs enough word pairs to wander well.
const corpus = `
The old lighthouse keeper counted the waves every evening before the lamp was lit.
Every wave carried a small story from the far side of the sea, and he wrote each one down.
Some evenings the sea was calm and the stories were short, about gulls and warm stones.
Other nights the wind pushed cold rain across the harbour and the stories grew long and strange.
A ship once passed so close that he could hear the sailors singing about a city of glass.
The city of glass was said to float above the clouds, lit by a thousand patient lamps.
He never found the city, but he kept a lamp burning for it every night of the year.
Children from the village climbed the hill to ask what the waves had said that day.
He told them the sea remembers every voice that has ever sung across it.
The children laughed and ran back down the hill, carrying the stories into their dreams.
In spring the keeper painted the door of the lighthouse a bright and hopeful blue.
In winter the frost drew silver maps on the windows, maps of coasts nobody had seen.
One morning a letter arrived in a bottle, asking the keeper to tell the next story well.
So he climbed the stairs, trimmed the wick, and waited for the first wave of the evening.
`

type Chain = Map<string, string[]>

function buildChain(text: string): { chain: Chain; starts: string[] } {
  const words = text.split(/\s+/).filter((word) => word !== '')
  const chain: Chain = new Map()
  const starts: string[] = []
  words.forEach((word, index) => {
    const next = words[index + 1]
    if (next === undefined) return
    const followers = chain.get(word) ?? []
    followers.push(next)
    chain.set(word, followers)
    if (/^[A-Z]/.test(word)) starts.push(word)
  })
  return { chain, starts }
}

const { chain, starts } = buildChain(corpus)

/**
 * Generates `count` words from a seeded word-pair chain, starting from a prompt word when the
 * chain knows one. Yields each token (a word with its leading space) as it is chosen.
 */
export function* generateTokens(prompt: string, seed: number, count: number): Generator<string> {
  const random = createRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

  // Short words ("a", "the") sit everywhere in the chain; a longer one says more about the prompt.
  const promptWords = prompt
    .toLowerCase()
    .split(/\W+/)
    .filter((word) => word.length > 3)
  let word = [...chain.keys()].find((key) => promptWords.includes(key.toLowerCase()))
  word ??= pick(starts)

  for (let index = 0; index < count; index++) {
    yield index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : ` ${word}`
    const followers = chain.get(word)
    word = followers === undefined ? pick(starts) : pick(followers)
  }
}

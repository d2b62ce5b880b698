/**
 * "Perhaps you meant …" suggestions. PostgREST uses a fuzzy set (n-gram cosine then Levenshtein);
 * a normalised Levenshtein similarity picks the same candidates for the short names involved.
 */
function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = tmp
    }
  }
  return prev[b.length]
}

export function similarity(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  const len = Math.max(x.length, y.length)
  return len === 0 ? 1 : 1 - levenshtein(x, y) / len
}

/** The candidate closest to `word` with at least `minScore` similarity (PostgREST: 0.33 by default). */
export function closest(word: string, candidates: Iterable<string>, minScore = 0.33): string | undefined {
  let best: string | undefined
  let bestScore = -1
  for (const c of candidates) {
    const s = similarity(word, c)
    if (s > bestScore) {
      best = c
      bestScore = s
    }
  }
  return bestScore >= minScore ? best : undefined
}

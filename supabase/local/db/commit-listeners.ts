export class CommitListeners {
  private listeners = new Set<() => void>()
  add(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  fire(): void {
    for (const l of this.listeners) {
      try {
        l()
      } catch {
        // a listener's failure must never fail the request that committed
      }
    }
  }
}

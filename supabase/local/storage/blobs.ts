import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Object bytes on disk, one file per object version (storage.objects.version, a uuid this module
 * generates). Object names never become paths, so no name can escape the folder, and a move or a
 * rename is a metadata change only. With no folder configured (tests) a fresh temp folder is used
 * and removed on close.
 */
export class BlobStore {
  private constructor(
    readonly dir: string,
    private readonly temporary: boolean,
  ) {}

  static async open(dir: string | undefined): Promise<BlobStore> {
    if (!dir) return new BlobStore(await mkdtemp(path.join(os.tmpdir(), 'floorline-storage-')), true)
    await mkdir(dir, { recursive: true })
    return new BlobStore(path.resolve(dir), false)
  }

  private file(version: string): string {
    if (!VERSION.test(version)) throw new Error(`not an object version: ${version}`)
    return path.join(this.dir, version)
  }

  /** Written to a temp name first, so a half-written file is never visible under a version. */
  async write(version: string, bytes: Buffer): Promise<void> {
    const tmp = path.join(this.dir, `.tmp-${randomUUID()}`)
    await writeFile(tmp, bytes)
    await rename(tmp, this.file(version))
  }

  async copy(from: string, to: string): Promise<void> {
    await copyFile(this.file(from), this.file(to))
  }

  /** The bytes, or null when the file is gone (a row without bytes is answered as not found). */
  async read(version: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(version))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  /** Best effort: a leftover file is swept at the next start. */
  async remove(...versions: (string | null | undefined)[]): Promise<void> {
    await Promise.all(
      versions
        .filter((v): v is string => typeof v === 'string' && VERSION.test(v))
        .map((v) => unlink(this.file(v)).catch(() => undefined)),
    )
  }

  /**
   * Removes temp files a crash left behind (older than an hour, so a write in flight in another
   * process sharing the folder is safe). Version files are never swept: the folder may serve
   * several databases (a reset one, an e2e one), and a stray file costs only disk.
   */
  async sweepTemp(): Promise<void> {
    const cutoff = Date.now() - 60 * 60 * 1000
    for (const name of await readdir(this.dir)) {
      if (!name.startsWith('.tmp-')) continue
      const p = path.join(this.dir, name)
      const s = await stat(p).catch(() => null)
      if (s && s.mtimeMs < cutoff) await rm(p, { force: true })
    }
  }

  async close(): Promise<void> {
    if (this.temporary) await rm(this.dir, { recursive: true, force: true })
  }
}

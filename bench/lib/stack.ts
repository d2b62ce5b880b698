import path from 'node:path'
import { configFromEnv, type StackConfig } from '../../supabase/local/config'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/**
 * The local stack as the benches run it: loopback, any free port, nothing persisted (the database
 * is the bench's own), the app's migrations (or a folder of the bench's) and the demo seed.
 */
export function benchStackConfig(migrationsDir = path.join(ROOT, 'supabase', 'migrations')): StackConfig {
  return {
    ...configFromEnv(ROOT, {}),
    host: '127.0.0.1',
    port: 0,
    dataDir: undefined,
    databaseUrl: undefined,
    migrationsDir,
    seedFile: path.join(ROOT, 'supabase', 'seed.sql'),
    storageDir: undefined,
  }
}

import { randomUUID } from 'node:crypto'
import { request } from 'node:http'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { TestStack } from './harness'

export interface User {
  client: SupabaseClient
  uid: string
  token: string
}

/** A fresh confirmed user, signed in through supabase-js. */
export async function user(t: TestStack): Promise<User> {
  const { client, userId } = await t.signedIn(`st-${randomUUID()}@example.com`)
  const { data } = await client.auth.getSession()
  return { client, uid: userId, token: data.session?.access_token ?? '' }
}

/** Bytes that look like a JPEG (the stack never decodes them; real photos are compressed on device). */
export function jpeg(size = 64, seed = 1): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size)
  b[0] = 0xff
  b[1] = 0xd8
  for (let i = 2; i < size; i++) b[i] = (i * 31 + seed) & 0xff
  return b
}

export const bytesOf = async (blob: Blob | null): Promise<number[]> =>
  blob ? [...new Uint8Array(await blob.arrayBuffer())] : []

/** A raw request to /storage/v1 (headers supabase-js would send, or none). */
export function storageFetch(t: TestStack, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  return fetch(`${t.url}/storage/v1${path}`, { ...init, headers })
}

/**
 * A request whose path is sent byte for byte: fetch and URL resolve `..` and `.` segments before
 * anything leaves the client, so traversal attempts have to be sent with node:http.
 */
export function rawRequest(
  t: TestStack,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: () => unknown }> {
  const u = new URL(t.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path: `/storage/v1${path}`, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

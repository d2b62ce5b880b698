/**
 * The hosts `next dev` accepts its dev resources (HMR, the dev overlay, chunks) from: Next blocks
 * every origin but localhost, so a page opened at http://127.0.0.1:3000 or on a tablet at the
 * machine's LAN address never hydrates. This machine's own addresses are safe to allow: a page can
 * only be opened at one of them by someone who can reach the machine there anyway. FLOORLINE_HOST
 * (README, "Try it on your tablets") adds a name the machine answers to (say `workshop-pc.local`);
 * `0.0.0.0` / `::` mean "every interface", which the address list already covers.
 *
 * Imported by next.config.ts by relative path (no `@/` alias there), so it stays dependency-free.
 */
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os'

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

const WILDCARD = new Set(['0.0.0.0', '::', '[::]'])

/** Hostnames as the browser sends them in Origin (IPv6 in brackets); link-local IPv6 has a zone no Origin carries. */
function hostOf(info: NetworkInterfaceInfo): string | null {
  if (info.family === 'IPv4') return info.address
  if (info.address.toLowerCase().startsWith('fe80:')) return null
  return `[${info.address}]`
}

export function devOrigins(
  env: Record<string, string | undefined> = process.env,
  interfaces: Interfaces = networkInterfaces(),
): string[] {
  const hosts = new Set<string>(['127.0.0.1', '[::1]'])
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      const host = hostOf(info)
      if (host) hosts.add(host)
    }
  }
  for (const raw of (env.FLOORLINE_HOST ?? '').split(',')) {
    const host = raw.trim().toLowerCase()
    if (host && !WILDCARD.has(host)) hosts.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)
  }
  return [...hosts]
}

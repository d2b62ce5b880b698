import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { devOrigins } from '@/lib/dev-origins'
import { isLoopbackHost, supabaseUrlFor } from '@/lib/env'
import { configFromEnv, reachableHost } from '@/supabase/local/config'
import nextConfig from '../../next.config'

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  family === 'IPv4'
    ? { address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }
    : { address, family, internal, netmask: 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 }

const machine = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  wlan0: [iface('192.168.1.50', 'IPv4'), iface('fe80::1c2d:3e4f', 'IPv6'), iface('fd00::50', 'IPv6')],
}

describe('allowedDevOrigins (next dev on the workshop LAN)', () => {
  it("accepts this machine's own addresses as the browser names them", () => {
    const hosts = devOrigins({}, machine)
    expect(hosts).toEqual(expect.arrayContaining(['127.0.0.1', '[::1]', '192.168.1.50', '[fd00::50]']))
    // link-local IPv6 carries a zone no Origin header can name
    expect(hosts.some((h) => h.startsWith('[fe80'))).toBe(false)
  })

  it('adds FLOORLINE_HOST names, and no other host', () => {
    const hosts = devOrigins({ FLOORLINE_HOST: 'Workshop-PC.local, 10.0.0.7' }, machine)
    expect(hosts).toEqual(expect.arrayContaining(['workshop-pc.local', '10.0.0.7']))
    expect(hosts).not.toContain('192.168.1.99')
  })

  it('treats FLOORLINE_HOST=0.0.0.0 as every interface (the address list), not as a host', () => {
    expect(devOrigins({ FLOORLINE_HOST: '0.0.0.0' }, machine)).not.toContain('0.0.0.0')
  })

  it('is what next.config.ts hands to next dev', () => {
    expect(nextConfig('phase-development-server').allowedDevOrigins).toEqual(expect.arrayContaining(['127.0.0.1']))
  })
})

describe("the browser's Supabase URL", () => {
  it('a loopback URL takes the host of the page the tablet opened', () => {
    expect(supabaseUrlFor('http://127.0.0.1:54321', '192.168.1.50')).toBe('http://192.168.1.50:54321')
    expect(supabaseUrlFor('http://localhost:54321/', 'workshop-pc.local')).toBe('http://workshop-pc.local:54321')
    expect(supabaseUrlFor('http://127.0.0.1:54321', '[fd00::50]')).toBe('http://[fd00::50]:54321')
  })

  it('stays as configured on this machine, and when it names another host', () => {
    expect(supabaseUrlFor('http://127.0.0.1:54321', 'localhost')).toBe('http://127.0.0.1:54321')
    expect(supabaseUrlFor('http://127.0.0.1:54321', '127.0.0.1')).toBe('http://127.0.0.1:54321')
    expect(supabaseUrlFor('https://abc.supabase.co', '192.168.1.50')).toBe('https://abc.supabase.co')
    expect(supabaseUrlFor('http://127.0.0.1:54321', undefined)).toBe('http://127.0.0.1:54321')
  })

  it('knows loopback when it sees it', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(h)).toBe(true)
    for (const h of ['192.168.1.50', 'localhost.example.com', '[fd00::50]']) expect(isLoopbackHost(h)).toBe(false)
  })
})

describe('the local stack listening on the LAN', () => {
  it('names a callable address in its URL when it listens on every interface', () => {
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1')
    expect(reachableHost('::')).toBe('127.0.0.1')
    expect(reachableHost('192.168.1.50')).toBe('192.168.1.50')
    expect(reachableHost('fd00::50')).toBe('[fd00::50]')
  })

  it('listens on loopback unless asked, and calls itself at a real address', () => {
    expect(configFromEnv('/tmp', {}).host).toBe('127.0.0.1')
    const lan = configFromEnv('/tmp', { SUPABASE_API_HOST: '0.0.0.0' })
    expect(lan.host).toBe('0.0.0.0')
    expect(lan.apiUrl).toBe('http://127.0.0.1:54321')
  })
})

/**
 * Whose address the tracking page's rate limit counts (lib/tracking/rate-limit.ts): only what the
 * platform or our own proxies wrote, never an X-Forwarded-For entry the client made up.
 */
import { describe, expect, it } from 'vitest'
import { clientIp, clientIpPolicy, normalise } from '../../lib/tracking/rate-limit'

const h = (headers: Record<string, string>) => new Headers(headers)

describe('the client-address policy from the environment', () => {
  it('defaults to no proxy and no platform header', () => {
    expect(clientIpPolicy({})).toEqual({ header: null, hops: 0 })
  })

  it('uses the platform header: x-real-ip on Vercel, or the one configured', () => {
    expect(clientIpPolicy({ VERCEL: '1' })).toEqual({ header: 'x-real-ip', hops: 0 })
    expect(clientIpPolicy({ VERCEL: '1', FLOORLINE_CLIENT_IP_HEADER: 'CF-Connecting-IP' }).header).toBe(
      'cf-connecting-ip',
    )
  })

  it('reads the number of trusted proxy hops and refuses nonsense', () => {
    expect(clientIpPolicy({ FLOORLINE_TRUSTED_PROXY_HOPS: '2' })).toEqual({ header: null, hops: 2 })
    for (const bad of ['-1', '1.5', 'two', '99']) {
      expect(() => clientIpPolicy({ FLOORLINE_TRUSTED_PROXY_HOPS: bad })).toThrow(/FLOORLINE_TRUSTED_PROXY_HOPS/)
    }
  })
})

describe('the client address', () => {
  const spoofed = '6.6.6.6, 7.7.7.7'

  it('never takes an entry the client wrote in front of the proxies', () => {
    // one proxy appended the address it saw (203.0.113.9) to what the client sent
    const headers = h({ 'x-forwarded-for': `${spoofed}, 203.0.113.9` })
    expect(clientIp(headers, { header: null, hops: 1 })).toBe('203.0.113.9')
    // two proxies: the second appended the first's address
    const two = h({ 'x-forwarded-for': `${spoofed}, 203.0.113.9, 10.0.0.2` })
    expect(clientIp(two, { header: null, hops: 2 })).toBe('203.0.113.9')
  })

  it('with no proxy (0) reads what next start took from the socket: the only, rightmost entry', () => {
    expect(clientIp(h({ 'x-forwarded-for': '::ffff:198.51.100.7' }), { header: null, hops: 0 })).toBe('198.51.100.7')
    expect(clientIp(h({ 'x-forwarded-for': `${spoofed}, 198.51.100.7` }), { header: null, hops: 0 })).toBe(
      '198.51.100.7',
    )
  })

  it('with fewer entries than proxies takes the leftmost (a proxy did not append)', () => {
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.9' }), { header: null, hops: 3 })).toBe('203.0.113.9')
  })

  it('trusts only the platform header when one is configured, and no forwarded entry', () => {
    const headers = h({ 'x-real-ip': '198.51.100.2', 'x-forwarded-for': '6.6.6.6' })
    expect(clientIp(headers, { header: 'x-real-ip', hops: 0 })).toBe('198.51.100.2')
    // a request that did not come through the platform shares one bucket
    expect(clientIp(h({ 'x-forwarded-for': '6.6.6.6' }), { header: 'x-real-ip', hops: 0 })).toBe('unknown')
  })

  it('ignores X-Real-IP unless it is the configured header (any client can send it)', () => {
    expect(clientIp(h({ 'x-real-ip': '6.6.6.6', 'x-forwarded-for': '203.0.113.9' }), { header: null, hops: 1 })).toBe(
      '203.0.113.9',
    )
    expect(clientIp(h({ 'x-real-ip': '6.6.6.6' }), { header: null, hops: 0 })).toBe('unknown')
  })

  it('is unknown when there is nothing trustworthy or the entry is junk', () => {
    expect(clientIp(h({}), { header: null, hops: 0 })).toBe('unknown')
    expect(clientIp(h({ 'x-forwarded-for': 'not-an-ip' }), { header: null, hops: 1 })).toBe('unknown')
    expect(clientIp(h({ 'x-forwarded-for': ' , ' }), { header: null, hops: 1 })).toBe('unknown')
  })
})

describe('normalising addresses', () => {
  it('drops ports, brackets and the IPv4-mapped prefix', () => {
    expect(normalise('203.0.113.9:51234')).toBe('203.0.113.9')
    expect(normalise('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(normalise('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64')
  })

  it('counts an IPv6 host by its /64 (a host can rotate through a whole /64)', () => {
    expect(normalise('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(normalise('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(normalise('::1')).toBe('0:0:0:0::/64')
  })

  it('refuses what is not an address', () => {
    for (const junk of ['', 'localhost', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'unknown']) {
      expect(normalise(junk)).toBeNull()
    }
  })
})

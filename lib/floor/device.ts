/** Platform from a user agent, as floor sessions record it (device_info.platform). */
export function platformOf(userAgent: string): 'ios' | 'android' | 'web' {
  if (/android/i.test(userAgent)) return 'android'
  // iPadOS 13+ says "Macintosh"; a touch-capable Mac is an iPad (the client adds maxTouchPoints)
  if (/iphone|ipad|ipod/i.test(userAgent)) return 'ios'
  return 'web'
}

import type { Metadata, Viewport } from 'next'
import { cookies } from 'next/headers'
import type { ReactNode } from 'react'
import { ServiceWorker } from '@/components/common/service-worker'
import { htmlTheme } from '@/lib/preferences/queries'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Floorline', template: '%s · Floorline' },
  description: 'Shop-floor tracking for small workshops: orders, batches, stages and tablets on the floor.',
  // installed on a tablet's home screen, it runs as an app of its own (app/manifest.ts)
  appleWebApp: { capable: true, title: 'Floorline', statusBarStyle: 'default' },
  icons: { apple: '/icons/icon-192.png' },
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered on the server with the person's preferences (or, signed out, the theme cookie), so
  // the first paint already has the right colours and font scale.
  const theme = await htmlTheme((await cookies()).get('floorline-theme')?.value)
  return (
    <html lang="en" className={theme.className} style={theme.style}>
      <body className="min-h-dvh font-sans">
        {children}
        <ServiceWorker />
      </body>
    </html>
  )
}

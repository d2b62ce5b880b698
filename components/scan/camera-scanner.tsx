'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { loadDecoder, type QrDecoder } from '@/lib/scan/decoder'

const FRAME_MS = 100 // ~10 decodes a second: enough for a label held up, cheap on a tablet

type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable'

interface TrackCaps extends MediaTrackCapabilities {
  torch?: boolean
  zoom?: { min: number; max: number; step: number }
}

/**
 * The tablet's back camera with a QR decoder on its frames. Each decoded code goes to `onCode`
 * (the scan screen de-duplicates). Torch and zoom appear when the camera offers them.
 */
export function CameraScanner({ onCode, className }: { onCode: (code: string) => void; className?: string }) {
  const video = useRef<HTMLVideoElement>(null)
  const stream = useRef<MediaStream | null>(null)
  const handler = useRef(onCode)
  handler.current = onCode
  const [state, setState] = useState<CameraState>('off')
  const [decoder, setDecoder] = useState<QrDecoder['kind'] | null>(null)
  const [caps, setCaps] = useState<TrackCaps | null>(null)
  const [torch, setTorch] = useState(false)
  const [zoom, setZoom] = useState<number | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const stop = useCallback(() => {
    for (const t of stream.current?.getTracks() ?? []) t.stop()
    stream.current = null
    setState('off')
    setTorch(false)
  }, [])

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable')
      setMessage('This browser has no camera access here (it needs HTTPS)')
      return
    }
    setState('starting')
    setMessage(null)
    try {
      const [media, qr] = await Promise.all([
        navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        }),
        loadDecoder(),
      ])
      stream.current = media
      setDecoder(qr.kind)
      const track = media.getVideoTracks()[0]
      const c = (track?.getCapabilities?.() ?? null) as TrackCaps | null
      setCaps(c)
      setZoom(c?.zoom ? ((track.getSettings() as { zoom?: number }).zoom ?? c.zoom.min) : null)
      if (video.current) {
        video.current.srcObject = media
        await video.current.play().catch(() => {})
      }
      setState('on')
      localStorage.setItem('floorline.scan.camera', 'on')
    } catch (error) {
      const name = (error as Error)?.name
      setState(name === 'NotAllowedError' ? 'denied' : 'unavailable')
      setMessage(
        name === 'NotAllowedError'
          ? 'Camera access was refused: allow it in the browser settings, or use a hand scanner'
          : `The camera could not start (${(error as Error)?.message ?? name})`,
      )
    }
  }, [])

  // the decode loop: one frame at a time, never two decodes at once
  useEffect(() => {
    if (state !== 'on') return
    let stopped = false
    let timer: number | undefined
    let qr: QrDecoder | undefined
    const tick = async () => {
      if (stopped) return
      const v = video.current
      try {
        qr ??= await loadDecoder()
        if (v && v.readyState >= 2 && v.videoWidth > 0) {
          for (const code of await qr.detect(v)) handler.current(code)
        }
      } catch {
        // a frame that cannot be read (the track just ended): try the next
      }
      if (!stopped) timer = window.setTimeout(tick, FRAME_MS)
    }
    void tick()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [state])

  useEffect(() => {
    if (localStorage.getItem('floorline.scan.camera') === 'on') void start()
    const onHide = () => {
      if (document.visibilityState === 'hidden' && stream.current) stop()
    }
    document.addEventListener('visibilitychange', onHide)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      for (const t of stream.current?.getTracks() ?? []) t.stop()
    }
  }, [start, stop])

  const applyConstraint = async (c: Record<string, unknown>) => {
    const track = stream.current?.getVideoTracks()[0]
    await track?.applyConstraints({ advanced: [c as MediaTrackConstraintSet] }).catch(() => {})
  }

  return (
    <div
      className={cn(
        'relative flex min-h-56 flex-1 flex-col overflow-hidden rounded-3xl bg-zinc-900 text-zinc-100',
        className,
      )}
    >
      <video
        ref={video}
        muted
        playsInline
        aria-label="Camera"
        data-testid="camera-video"
        className={cn('absolute inset-0 size-full object-cover', state === 'on' ? 'opacity-100' : 'opacity-0')}
      />
      {state === 'on' ? (
        <>
          {/* the aiming frame */}
          <div aria-hidden="true" className="pointer-events-none absolute inset-0 grid place-items-center">
            <div className="aspect-square w-1/2 max-w-72 rounded-2xl border-4 border-white/80 shadow-[0_0_0_100vmax_rgba(0,0,0,0.35)]" />
          </div>
          <div className="absolute inset-x-0 bottom-0 flex flex-wrap items-center gap-3 p-3">
            <Button size="touch" variant="secondary" onClick={stop}>
              Stop camera
            </Button>
            {caps?.torch ? (
              <Button
                size="touch"
                variant="secondary"
                aria-pressed={torch}
                onClick={() => {
                  setTorch(!torch)
                  void applyConstraint({ torch: !torch })
                }}
              >
                {torch ? 'Light off' : 'Light on'}
              </Button>
            ) : null}
            {caps?.zoom && zoom !== null ? (
              <label className="flex min-h-12 items-center gap-2 rounded-lg bg-black/50 px-3 text-sm">
                Zoom
                <input
                  type="range"
                  min={caps.zoom.min}
                  max={caps.zoom.max}
                  step={caps.zoom.step || 0.1}
                  value={zoom}
                  onChange={(e) => {
                    const z = Number(e.target.value)
                    setZoom(z)
                    void applyConstraint({ zoom: z })
                  }}
                />
              </label>
            ) : null}
            <span className="ml-auto rounded bg-black/50 px-2 py-1 text-xs" data-testid="decoder-kind">
              {decoder === 'native' ? 'Built-in decoder' : 'ZXing decoder'}
            </span>
          </div>
        </>
      ) : (
        <div className="relative flex flex-1 flex-col items-center justify-center gap-4 p-6 text-center">
          <svg viewBox="0 0 24 24" aria-hidden="true" className="size-14 text-zinc-400">
            <path
              d="M4 8V6a2 2 0 012-2h2M16 4h2a2 2 0 012 2v2M20 16v2a2 2 0 01-2 2h-2M8 20H6a2 2 0 01-2-2v-2M7 12h10"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
          <p className="max-w-sm text-lg">Scan a label with a hand scanner at any time, or use the camera.</p>
          <Button
            size="touch"
            className="h-16 px-8 text-lg"
            pending={state === 'starting'}
            onClick={() => void start()}
          >
            Start camera
          </Button>
          {message ? (
            <p role="alert" className="max-w-sm text-sm text-amber-300">
              {message}
            </p>
          ) : null}
        </div>
      )}
    </div>
  )
}

'use client'
import { useEffect } from 'react'
import { unlockAudio } from '@/lib/scan/feedback'

/**
 * Browsers play sound only after a gesture: the first tap or key on the screen unlocks the beeps.
 * After a key, the unlock waits until the keys go quiet: creating the AudioContext can hold the
 * page for a long moment on a loaded tablet, and inside a scanner's burst that stall split the code
 * (e2e read "L1:AUR:I:102GW"). The page keeps its user activation, so the later unlock still counts.
 */
export function useAudioUnlock(quietMs = 300) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const now = () => unlockAudio()
    const soon = () => {
      clearTimeout(timer)
      timer = setTimeout(unlockAudio, quietMs)
    }
    window.addEventListener('pointerdown', now)
    window.addEventListener('keydown', soon)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('pointerdown', now)
      window.removeEventListener('keydown', soon)
    }
  }, [quietMs])
}

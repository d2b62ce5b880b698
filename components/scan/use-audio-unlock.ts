'use client'
import { useEffect } from 'react'
import { unlockAudio } from '@/lib/scan/feedback'

/** Browsers play sound only after a gesture: the first tap or key on the screen unlocks the beeps. */
export function useAudioUnlock() {
  useEffect(() => {
    const unlock = () => unlockAudio()
    window.addEventListener('pointerdown', unlock)
    window.addEventListener('keydown', unlock)
    return () => {
      window.removeEventListener('pointerdown', unlock)
      window.removeEventListener('keydown', unlock)
    }
  }, [])
}

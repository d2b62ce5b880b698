/**
 * Feedback a worker notices with their eyes elsewhere: a short vibration (navigator.vibrate, Android
 * tablets; iPads have none) and a beep (WebAudio, no sound files), each only when the person's
 * preferences allow it (user_preferences.sound_enabled / vibration_enabled).
 */
export type Tone = 'success' | 'error' | 'warning'

export interface FeedbackPrefs {
  sound: boolean
  vibration: boolean
}

export const VIBRATION: Record<Tone, number[]> = { success: [40], warning: [60, 60, 60], error: [120, 80, 120] }
const BEEPS: Record<Tone, Array<{ hz: number; ms: number }>> = {
  success: [{ hz: 1320, ms: 90 }],
  warning: [
    { hz: 660, ms: 110 },
    { hz: 880, ms: 110 },
  ],
  error: [
    { hz: 330, ms: 160 },
    { hz: 220, ms: 260 },
  ],
}

let audio: AudioContext | undefined

/** Call from a user gesture once: browsers only let a page make sound after one. */
export function unlockAudio() {
  if (typeof window === 'undefined') return
  const Ctx =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctx) return
  audio ??= new Ctx()
  if (audio.state === 'suspended') void audio.resume().catch(() => {})
}

function beep(tone: Tone) {
  if (audio?.state !== 'running') return
  let at = audio.currentTime
  for (const { hz, ms } of BEEPS[tone]) {
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.type = tone === 'error' ? 'square' : 'sine'
    osc.frequency.value = hz
    gain.gain.setValueAtTime(0.0001, at)
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.01)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000)
    osc.connect(gain).connect(audio.destination)
    osc.start(at)
    osc.stop(at + ms / 1000 + 0.02)
    at += ms / 1000 + 0.03
  }
}

export function feedback(tone: Tone, prefs: FeedbackPrefs) {
  if (prefs.vibration && typeof navigator !== 'undefined' && 'vibrate' in navigator) {
    try {
      navigator.vibrate(VIBRATION[tone])
    } catch {
      // some browsers throw without a user gesture; feedback is best effort
    }
  }
  if (prefs.sound) beep(tone)
}

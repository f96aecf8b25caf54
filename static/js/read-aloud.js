// Read-aloud buttons, using the browser's own speech (speechSynthesis).
// Nothing is sent anywhere. Where the browser cannot speak, no button is shown.

import { html, nothing, svg } from './lit.js'

const SPEAKER = [
  'M3 9v6h4l5 5V4L7 9H3z',
  'M16.5 12c0-1.77-1.02-3.29-2.5-4.03v8.05c1.48-.73 2.5-2.25 2.5-4.02z',
  'M14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z'
]

const speaker = html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
  class="cb-icon">${SPEAKER.map((d) => svg`<path d=${d}></path>`)}</svg>`

export function canSpeak () {
  return typeof window !== 'undefined' && 'speechSynthesis' in window &&
    typeof window.SpeechSynthesisUtterance === 'function'
}

export class ReadAloud {
  constructor ({ lang = 'en-GB', rate = 0.9 } = {}) {
    this.lang = lang
    this.rate = rate
    this.$speaking = null
  }

  /** A button (a lit template) that reads `text` out. `label` is what the button says. */
  button (text, { label = 'Read aloud', className = 'cb-button cb-button--secondary cb-read-aloud' } = {}) {
    if (!canSpeak()) return nothing
    return html`<button type="button" class=${className} aria-pressed="false"
      @click=${(event) => this.toggle(text, event.currentTarget)}>${speaker}<span>${label}</span></button>`
  }

  toggle (text, $button) {
    const synth = window.speechSynthesis
    const wasThis = this.$speaking === $button
    synth.cancel()
    this.#reset()
    if (wasThis) return
    const utterance = new window.SpeechSynthesisUtterance(text)
    utterance.lang = this.lang
    utterance.rate = this.rate
    utterance.onend = () => this.#reset()
    utterance.onerror = () => this.#reset()
    this.$speaking = $button
    $button.setAttribute('aria-pressed', 'true')
    synth.speak(utterance)
  }

  #reset () {
    this.$speaking?.setAttribute('aria-pressed', 'false')
    this.$speaking = null
  }
}

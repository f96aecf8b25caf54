// Read-aloud buttons, using the browser's own speech (speechSynthesis).
// Nothing is sent anywhere. Where the browser cannot speak, no button is shown.

import { h, icon, SPEAKER_ICON } from './dom.js'

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

  /** A button that reads `text` out. `label` is what the button says. */
  button (text, { label = 'Read aloud', className = 'cb-button cb-button--secondary cb-read-aloud' } = {}) {
    if (!canSpeak()) return null
    const $button = h('button', { type: 'button', className, attrs: { 'aria-pressed': 'false' } },
      icon(SPEAKER_ICON), h('span', { text: label }))
    $button.addEventListener('click', () => this.toggle(text, $button))
    return $button
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

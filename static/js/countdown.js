// A countdown to the timer's end, held in server time (timer.ends_at_ms),
// so every screen shows the same time left. It is a guide: only a timer the
// facilitator set to "stop voting when time is up" ends anything.
//
// The countdown itself is not a live region (it changes every second); the
// page's announcer is told when time is nearly up and when it is up.

import { h, replaceChildren } from './dom.js'

/** "4 minutes left", "45 seconds left". */
export function timeLeftWords (ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  if (seconds >= 60) {
    // Whole minutes still to go, so the words never promise more than the clock.
    const minutes = Math.floor(seconds / 60)
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`
  }
  const rounded = seconds > 10 ? Math.ceil(seconds / 5) * 5 : seconds
  return `${rounded} ${rounded === 1 ? 'second' : 'seconds'} left`
}

/** "4:05" */
export function clock (ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(seconds / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return `${m}:${s}`
}

/** The timer as this moment sees it: {phase, remaining}. */
export function timerPhase (timer, now) {
  if (!timer) return { phase: 'none', remaining: 0 }
  if (timer.remaining_ms !== null && timer.remaining_ms !== undefined) {
    return { phase: 'paused', remaining: timer.remaining_ms }
  }
  const remaining = (timer.ends_at_ms ?? 0) - now
  return { phase: remaining > 0 ? 'running' : 'ended', remaining: Math.max(0, remaining) }
}

export class Countdown {
  /**
   * @param {HTMLElement} $root
   * @param {object} options
   *   now: () => server time in ms; announce: live region;
   *   showClock: show "4:05" as well as words.
   */
  constructor ($root, { now = () => Date.now(), announce = () => {}, showClock = false, onPhase = () => {} } = {}) {
    this.onPhase = onPhase
    this.$root = $root
    this.now = now
    this.announce = announce
    this.showClock = showClock
    this.timer = null
    this.ticker = null
    this.lastPhase = null
    this.warned = false
  }

  render (timer) {
    const changed = JSON.stringify(timer) !== JSON.stringify(this.timer)
    this.timer = timer
    if (changed) this.warned = false
    this.#tick(changed)
    clearInterval(this.ticker)
    if (timer && timerPhase(timer, this.now()).phase === 'running') {
      this.ticker = setInterval(() => this.#tick(false), 1000)
    }
  }

  /** Whether a hard-stop timer has ended (voting has stopped). */
  stoppedVoting (roundId) {
    const t = this.timer
    return Boolean(t && t.hard_stop && (!t.round_id || t.round_id === roundId) &&
      timerPhase(t, this.now()).phase === 'ended')
  }

  #tick (changed) {
    const timer = this.timer
    const { phase, remaining } = timerPhase(timer, this.now())
    this.$root.hidden = phase === 'none'
    this.$root.dataset.phase = phase
    if (phase === 'none') {
      replaceChildren(this.$root)
      this.lastPhase = phase
      return
    }
    const label = timer.label && phase !== 'ended' ? `${timer.label}: ` : ''
    let words
    if (phase === 'paused') words = `Paused (${timeLeftWords(remaining).replace(' left', '')} to go)`
    else if (phase === 'ended') words = timer.hard_stop ? 'Voting has stopped' : 'Time is up — you can still finish'
    else words = timeLeftWords(remaining)
    replaceChildren(this.$root,
      h('span', { className: 'cb-timer__label', text: label }),
      h('strong', { className: 'cb-timer__words js-timer-words', text: words }),
      this.showClock && phase !== 'ended' ? h('span', { className: 'cb-timer__clock', text: ` ${clock(remaining)}` }) : null)
    if (phase === 'ended' && this.lastPhase === 'running') {
      this.announce(timer.hard_stop ? 'Time is up. Voting has stopped.' : 'Time is up. You can still finish.')
      clearInterval(this.ticker)
    } else if (phase === 'running' && !this.warned && remaining <= 60000 && remaining > 50000 && !changed) {
      this.warned = true
      this.announce('1 minute left.')
    }
    const was = this.lastPhase
    this.lastPhase = phase
    if (was !== null && was !== phase) this.onPhase(phase)
  }
}

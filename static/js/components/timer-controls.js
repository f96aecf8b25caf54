// The facilitator's timer: start (minutes, a label, and whether voting stops
// when time is up, off by default), add time, pause, resume, stop. The end
// time is held by the server, so every screen shows the same countdown.

import { Countdown, timerPhase } from '../countdown.js'

export class TimerControls {
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.$form = $root.querySelector('.js-timer-form')
    this.$running = $root.querySelector('.js-timer-running')
    this.$error = $root.querySelector('.js-timer-error')
    this.$pause = $root.querySelector('.js-timer-pause')
    this.countdown = new Countdown($root.querySelector('.js-timer'), {
      now: () => connection.serverNow(), announce, showClock: true, onPhase: () => this.#buttons()
    })
    this.$form.addEventListener('submit', (e) => this.start(e))
    $root.querySelector('.js-timer-plus1').addEventListener('click', () => this.#command({ type: 'extend_timer', seconds: 60 }, '1 minute added.'))
    $root.querySelector('.js-timer-plus5').addEventListener('click', () => this.#command({ type: 'extend_timer', seconds: 300 }, '5 minutes added.'))
    this.$pause.addEventListener('click', () => {
      const paused = timerPhase(this.timer, connection.serverNow()).phase === 'paused'
      this.#command({ type: paused ? 'resume_timer' : 'pause_timer' }, paused ? 'Timer running again.' : 'Timer paused.')
    })
    $root.querySelector('.js-timer-stop').addEventListener('click', () => this.#command({ type: 'stop_timer' }, 'Timer stopped.'))
  }

  render (state) {
    this.timer = state.timer
    this.countdown.render(state.timer)
    this.#buttons()
  }

  #buttons () {
    const { phase } = timerPhase(this.timer, this.connection.serverNow())
    this.$form.hidden = phase !== 'none'
    this.$running.hidden = phase === 'none'
    this.$pause.textContent = phase === 'paused' ? 'Resume' : 'Pause'
    this.$pause.hidden = phase === 'ended'
  }

  #showError (message) {
    this.$error.textContent = message
    this.$error.hidden = false
    this.announce(message)
  }

  async #command (command, done) {
    this.$error.hidden = true
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.#showError(err?.message ?? 'The timer did not change.')
    }
  }

  async start (event) {
    event.preventDefault()
    const minutes = Number(this.$form.querySelector('#timer-minutes').value)
    if (!(minutes > 0 && minutes <= 240)) return this.#showError('Enter the minutes: a number from 1 to 240.')
    const label = this.$form.querySelector('#timer-label').value.trim()
    const hardStop = this.$form.querySelector('#timer-hard-stop').checked
    await this.#command({ type: 'start_timer', seconds: Math.max(10, Math.round(minutes * 60)), label, hard_stop: hardStop },
      `Timer started: ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`)
  }
}

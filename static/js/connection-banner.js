// Shows whether this device is connected, and whether taps are waiting.
// Visible text in the banner; the same news goes to the live region.

export class ConnectionBanner {
  /**
   * @param {object} options  announce; noun: what waits to be sent ("taps");
   *   readOnly: a screen that sends nothing (the wall), so offline says only
   *   that it is reconnecting
   */
  constructor ($banner, connection, { announce = () => {}, noun = 'taps', readOnly = false } = {}) {
    this.$banner = $banner
    this.$text = $banner.querySelector('.js-connection-text') ?? $banner
    this.announce = announce
    this.noun = noun
    this.readOnly = readOnly
    this.everOnline = false
    this.wasOffline = false
    this.hideTimer = null
    connection.addEventListener('status', (e) => this.update(e.detail))
  }

  update ({ online, pending, caughtUp, refused = 0 }) {
    clearTimeout(this.hideTimer)
    if (!online) {
      if (!this.everOnline) return this.#show('Connecting…', 'connecting')
      const waiting = pending ? ` (${pending} waiting)` : ''
      const message = this.readOnly
        ? 'Reconnecting… The board shown may be out of date until then.'
        : `Offline — your ${this.noun} will be sent when you reconnect${waiting}.`
      if (!this.wasOffline) this.announce(message)
      this.wasOffline = true
      return this.#show(message, 'offline')
    }
    this.everOnline = true
    if (pending) return this.#show(`Sending… (${pending} waiting)`, 'sending')
    if (caughtUp || this.wasOffline) {
      let message = caughtUp && !this.readOnly ? 'Sent. You are back online.' : 'Back online.'
      if (refused) {
        // Not "sent" when some could not be done: the refusal has its own message.
        message = refused === 1
          ? 'Back online. One thing you sent could not be done.'
          : `Back online. ${refused} things you sent could not be done.`
      }
      this.wasOffline = false
      this.announce(message)
      this.#show(message, 'sent')
      this.hideTimer = setTimeout(() => this.#hide(), 4000)
      return
    }
    this.#hide()
  }

  #show (text, kind) {
    this.$text.textContent = text
    this.$banner.dataset.kind = kind
    this.$banner.hidden = false
  }

  #hide () {
    this.$banner.hidden = true
  }
}

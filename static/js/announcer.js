// The page's one polite live region. Everything that changes without the
// user asking (a vote opens, a tap is refused, we go offline) is said here.

export class Announcer {
  /** @param {HTMLElement} $region an element with role="status" */
  constructor ($region, { clearAfter = 0 } = {}) {
    if (!$region) throw new Error('Announcer needs a live region')
    this.$region = $region
    this.clearAfter = clearAfter
    this.timer = null
  }

  announce (message) {
    if (!message) return
    // Clearing first makes screen readers repeat a message said twice in a row.
    this.$region.textContent = ''
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.$region.textContent = message
      // Where the region is shown as a toast, let it go after a while.
      if (this.clearAfter) this.timer = setTimeout(() => { this.$region.textContent = '' }, this.clearAfter)
    }, 50)
  }
}

// Which cards someone is moving right now, from the server's unlogged
// `moving` messages. A flag is forgotten after 15 seconds (a phone that
// dropped off never puts its card down). Our own picks are kept apart so a
// card we hold is not shown to us as "being moved" by someone else.

const FORGET_MS = 15000

export class MovingFlags extends EventTarget {
  constructor (connection, { forgetAfter = FORGET_MS } = {}) {
    super()
    this.connection = connection
    this.forgetAfter = forgetAfter
    this.flags = new Map() // statement id -> timeout
    this.held = new Set()
    connection.addEventListener('moving', ({ detail }) => this.#remote(detail))
  }

  /** True when someone else is moving this card. */
  has (statementId) {
    return this.flags.has(statementId) && !this.held.has(statementId)
  }

  ids () {
    return [...this.flags.keys()].filter((id) => !this.held.has(id))
  }

  pickUp (statementId) {
    this.held.add(statementId)
    this.connection.moving(statementId, true)
  }

  putDown (statementId) {
    if (!this.held.delete(statementId)) return
    this.connection.moving(statementId, false)
  }

  #remote ({ statement_id: id, moving }) {
    clearTimeout(this.flags.get(id))
    if (moving) {
      this.flags.set(id, setTimeout(() => this.#forget(id), this.forgetAfter))
    } else {
      this.flags.delete(id)
    }
    this.dispatchEvent(new CustomEvent('change', { detail: { id, moving } }))
  }

  #forget (id) {
    this.flags.delete(id)
    this.dispatchEvent(new CustomEvent('change', { detail: { id, moving: false } }))
  }
}

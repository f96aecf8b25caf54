// One live connection to a board over Socket.IO (WebSocket only).
//
// - Applies `events` batches strictly in seq order: an event is applied only
//   when its seq is exactly one more than the last applied; duplicates are
//   ignored; a gap is held back and filled with `sync`.
// - Passes {token, since} in the Socket.IO `auth` data on every (re)connect,
//   so the server can send what we missed without a round trip.
// - Keeps an outbox of commands in localStorage. Each command has an `op` id
//   made once; after a network drop or a reload it is resent with the SAME op
//   until the server acknowledges it, so a tap is applied exactly once.
// - Never assumes a command worked: only the ack (and then the events) say so.
//
// Events dispatched (as CustomEvent `detail`):
//   state     {state, events}      the board changed (events: what was applied)
//   status    {online, pending, caughtUp}   connection or outbox changed
//   presence  {connected, by_group}
//   moving    {statement_id, moving}   someone picked a card up or put it down
//   refused   {command, error}     a command was refused (message announced too)
//   authfailed {error}             the token was not accepted

import { io } from '/static/vendor/socket.io-client/socket.io.esm.min.js'
import { applyEvent, fromSnapshot } from './board-state.js'

const ACK_TIMEOUT_MS = 15000
const RETRY_CODES = new Set(['busy', 'unavailable'])

/** A UUID v4. crypto.randomUUID needs a secure context; a workshop laptop
 *  served over plain http on the local network is not one. */
export function newOp () {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID()
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export class Connection extends EventTarget {
  /**
   * @param {object} options
   * @param {string|null} options.token   facilitator, wall or returning participant token
   * @param {string|null} options.outboxKey  localStorage key for unsent commands (null: no outbox)
   * @param {(message: string) => void} [options.announce]  the page's live region
   * @param {Function} [options.ioFactory]  for tests
   */
  constructor ({ token = null, outboxKey = null, announce = () => {}, ioFactory = io, url } = {}) {
    super()
    this.token = token
    this.outboxKey = outboxKey
    this.announce = announce
    this.ioFactory = ioFactory
    this.url = url
    this.state = null
    this.role = null
    this.you = null
    this.stages = [] // the workshop's stages in order, from the join ack
    this.policy = {} // who may send which command when, from the join ack
    this.undoable = new Set() // the kinds of event an undo reverses (facilitators), from the join ack
    this.online = false
    this.pending = new Map() // seq -> event, waiting for the events before it
    this.syncing = false
    this.inflight = null
    this.retryTimer = null
    this.waiters = new Map() // op -> {resolve, reject}
    this.quiet = new Set() // ops whose refusal the caller tells in its own way
    this.wasOffline = false
    this.outbox = this.#loadOutbox()
    this.refusedWhileAway = 0  // queued commands the server refused once they were sent
    // Server clock minus ours, from the join ack's now_ms, so every screen
    // counts down to the same moment.
    this.clockOffset = 0
  }

  /** Now, in server time (ms since 1970). */
  serverNow () {
    return Date.now() + this.clockOffset
  }

  get seq () {
    return this.state?.seq ?? 0
  }

  get pendingCount () {
    return this.outbox.length
  }

  /** Open the socket. With a token, join straight away. */
  start () {
    const options = {
      transports: ['websocket'],
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      auth: (cb) => cb(this.#authData())
    }
    this.socket = this.url ? this.ioFactory(this.url, options) : this.ioFactory(options)
    const socket = this.socket
    socket.on('connect', () => this.#onConnect())
    socket.on('disconnect', (reason) => this.#onDisconnect(reason))
    socket.on('connect_error', (err) => this.#onConnectError(err))
    socket.on('events', (batch) => this.#receive(batch?.events ?? []))
    socket.on('snapshot', (data) => data?.board && this.#setSnapshot(data.board))
    socket.on('presence', (data) => this.#emit('presence', data))
    socket.on('moving', (data) => data?.statement_id && this.#emit('moving', data))
    // The token given on connect was not accepted (the socket stays open).
    socket.on('refused', (error) => this.#authFailed(error))
    // The board is gone: stop reconnecting to it, and let the page say so.
    socket.on('board_deleted', (data) => { this.close(); this.#emit('deleted', data ?? {}) })
    socket.connect()
    this.#emitStatus()
    return this
  }

  /** Join as a new participant by code. Resolves with the ack; rejects with {code, message}. */
  async joinWithCode ({ code, name, group }) {
    const ack = await this.#request('join', { code, name, group })
    if (!ack.ok) throw ack.error ?? { code: 'invalid', message: 'Could not join.' }
    this.#joined(ack)
    return ack
  }

  /**
   * Come back as someone who joined before, on another device: the board's
   * code and their own rejoin code. Resolves with the ack (a new token for
   * this device); rejects with {code, message}.
   */
  async rejoinWithCode ({ code, rejoin }) {
    const ack = await this.#request('join', { code, rejoin })
    if (!ack.ok) throw ack.error ?? { code: 'invalid', message: 'Could not rejoin.' }
    this.#joined(ack)
    return ack
  }

  /** A new rejoin code for this participant (the old one stops working). */
  async newRejoinCode () {
    const ack = await this.#request('new_rejoin_code', {})
    if (!ack.ok) throw ack.error ?? { code: 'invalid', message: 'Could not make a code.' }
    return ack.rejoin
  }

  /** Keep unsent commands under another key from now on (a person just joined). */
  useOutbox (key) {
    this.outboxKey = key
    this.#saveOutbox()
  }

  /**
   * Queue a command ({type, ...}); it gets an op id and is kept until acked.
   * Resolves with the ok ack; rejects with the error of a refused command.
   * `quiet`: a refusal is not announced (the caller expects some, and says so itself).
   */
  send (fields, { quiet = false } = {}) {
    const command = { ...fields, op: newOp() }
    if (quiet) this.quiet.add(command.op)
    this.outbox.push(command)
    if (!this.online) this.wasOffline = true
    this.#saveOutbox()
    const done = new Promise((resolve, reject) => this.waiters.set(command.op, { resolve, reject }))
    // A rejection nobody waits for must not show as an unhandled error.
    done.catch(() => {})
    this.#emitStatus()
    this.#flush()
    return done
  }

  /**
   * Tell everyone a card is picked up (true) or put down (false). Not logged
   * and not queued: a flag that is lost is forgotten by everyone in 15 s.
   */
  moving (statementId, moving) {
    if (!this.online || !this.socket) return
    this.socket.timeout(ACK_TIMEOUT_MS).emit('moving', { statement_id: statementId, moving: Boolean(moving) }, () => {})
  }

  close () {
    clearTimeout(this.retryTimer)
    this.socket?.close()
  }

  // ---- connecting -------------------------------------------------------

  #authData () {
    if (!this.token) return {}
    return this.state ? { token: this.token, since: this.seq } : { token: this.token }
  }

  async #onConnect () {
    this.online = true
    this.#emitStatus()
    if (!this.token) return // waiting for joinWithCode
    try {
      if (!this.state) {
        const ack = await this.#request('join', { token: this.token })
        if (!ack.ok) return this.#authFailed(ack.error)
        this.#joined(ack)
      } else {
        // The server sends what we missed on connect (auth.since); this
        // catches the case where it had nothing to say or a batch was lost.
        await this.#sync()
      }
    } catch (err) {
      return // timed out: the socket will reconnect and we try again
    }
    this.#flush()
  }

  #onDisconnect (reason) {
    this.online = false
    this.inflight = null
    if (this.outbox.length) this.wasOffline = true
    this.#emitStatus()
    // After a server-side disconnect Socket.IO does not retry by itself.
    if (reason === 'io server disconnect') this.#reconnectLater()
  }

  #onConnectError (err) {
    const code = err?.data?.code ?? err?.message
    if (code === 'bad_token' || code === 'no_board') {
      return this.#authFailed({ code, message: err?.data?.message ?? 'This link is not valid any more.' })
    }
    this.#emitStatus()
    if (!this.socket.active) this.#reconnectLater()
  }

  #reconnectLater () {
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.socket.connect(), 2000)
  }

  #authFailed (error) {
    this.socket.close()
    this.#emit('authfailed', { error })
  }

  #joined (ack) {
    if (ack.token) this.token = ack.token
    this.role = ack.role ?? this.role
    if (Array.isArray(ack.stages)) this.stages = ack.stages
    if (ack.policy && typeof ack.policy === 'object') this.policy = ack.policy
    if (Array.isArray(ack.undoable)) this.undoable = new Set(ack.undoable)
    this.you = ack.you ?? ack.board?.you ?? this.you
    if (typeof ack.now_ms === 'number') this.clockOffset = ack.now_ms - Date.now()
    this.#setSnapshot({ ...ack.board, seq: ack.seq ?? ack.board?.seq })
    this.#flush()
  }

  // ---- receiving --------------------------------------------------------

  #setSnapshot (board) {
    this.state = fromSnapshot(board)
    if (this.state.you) this.you = this.state.you
    for (const seq of [...this.pending.keys()]) if (seq <= this.seq) this.pending.delete(seq)
    this.#emit('state', { state: this.state, events: [], snapshot: true })
    this.#drain()
  }

  #receive (events) {
    for (const event of events) {
      if (typeof event?.seq !== 'number') continue
      if (this.state && event.seq <= this.seq) continue // duplicate
      this.pending.set(event.seq, event)
    }
    if (!this.state) return // join ack not in yet; it will drain these
    this.#drain()
  }

  #drain () {
    const applied = []
    let state = this.state
    while (this.pending.has(state.seq + 1)) {
      const event = this.pending.get(state.seq + 1)
      this.pending.delete(event.seq)
      state = applyEvent(state, event)
      applied.push(event)
    }
    if (applied.length) {
      this.state = state
      if (state.you) this.you = state.you
      this.#emit('state', { state, events: applied, snapshot: false })
    }
    if (this.pending.size > 0) this.#sync().catch(() => {})
  }

  async #sync () {
    if (this.syncing || !this.online || !this.state) return
    this.syncing = true
    try {
      const ack = await this.#request('sync', { since: this.seq })
      if (!ack?.ok) return
      if (ack.snapshot) this.#setSnapshot(ack.snapshot)
      else this.#receive(ack.events ?? [])
    } finally {
      this.syncing = false
    }
  }

  // ---- sending ----------------------------------------------------------

  #request (name, data) {
    return new Promise((resolve, reject) => {
      this.socket.timeout(ACK_TIMEOUT_MS).emit(name, data, (err, ack) => {
        if (err) reject(err)
        else resolve(ack ?? {})
      })
    })
  }

  async #flush () {
    if (!this.online || !this.state || this.inflight || this.outbox.length === 0) return
    const command = this.outbox[0]
    this.inflight = command
    let ack
    try {
      ack = await this.#request('command', command)
    } catch (err) {
      // No answer: keep the command and resend the same op later.
      this.inflight = null
      if (this.online) this.#retryLater()
      return
    }
    this.inflight = null
    if (!ack.ok && RETRY_CODES.has(ack.error?.code)) return this.#retryLater()
    if (!ack.ok && ack.error?.code === 'not_joined' && this.token) {
      try {
        const joined = await this.#request('join', { token: this.token })
        if (joined.ok) this.#joined(joined)
      } catch (err) { /* try again later */ }
      return this.#retryLater()
    }
    this.outbox = this.outbox.filter((c) => c.op !== command.op)
    this.#saveOutbox()
    const waiter = this.waiters.get(command.op)
    this.waiters.delete(command.op)
    if (ack.ok) {
      this.quiet.delete(command.op)
      waiter?.resolve(ack)
    } else {
      const error = ack.error ?? { code: 'invalid', message: 'That did not work.' }
      if (this.wasOffline) this.refusedWhileAway += 1
      if (!this.quiet.delete(command.op)) this.announce(error.message)
      this.#emit('refused', { command, error })
      waiter?.reject(error)
    }
    const caughtUp = this.outbox.length === 0 && this.wasOffline
    const refused = caughtUp ? this.refusedWhileAway : 0
    if (caughtUp) {
      this.wasOffline = false
      this.refusedWhileAway = 0
    }
    this.#emitStatus({ caughtUp, refused })
    this.#flush()
  }

  #retryLater () {
    clearTimeout(this.flushTimer)
    this.flushTimer = setTimeout(() => this.#flush(), 1000)
  }

  #loadOutbox () {
    if (!this.outboxKey) return []
    try {
      const saved = JSON.parse(localStorage.getItem(this.outboxKey) ?? '[]')
      return Array.isArray(saved) ? saved.filter((c) => c && typeof c.op === 'string') : []
    } catch (err) {
      return []
    }
  }

  #saveOutbox () {
    if (!this.outboxKey) return
    try {
      if (this.outbox.length) localStorage.setItem(this.outboxKey, JSON.stringify(this.outbox))
      else localStorage.removeItem(this.outboxKey)
    } catch (err) { /* private mode: the outbox lives as long as the page */ }
  }

  // ---- telling the page -------------------------------------------------

  #emit (name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }))
  }

  #emitStatus ({ caughtUp = false, refused = 0 } = {}) {
    this.#emit('status', { online: this.online, pending: this.outbox.length, caughtUp, refused })
  }
}

// Who has used this phone or tablet for a workshop, kept in localStorage by
// join code: each person's token (their place on the board), name, group and
// rejoin code. A shared tablet switches between them; each has an outbox of
// their own, so one person's taps are never sent as another's.
//
//   const people = new DevicePeople('K7M4QX')
//   people.current            the token the page signs in with (or null)
//   people.remember(ack)      after a join: the person, now the current one
//   people.switchTo(token)    another person of this device, from the next load
//   people.leave()            nobody current: the next load asks who joins
//   people.forget(token)      that person off this device: token, rejoin code, unsent taps
//                             (they signed out, or the server turned the token off)

const currentKey = (code) => `changeboard:participant:${code}`
const listKey = (code) => `changeboard:people:${code}`
// Before people had an outbox each, the board had one.
const sharedOutboxKey = (code) => `changeboard:outbox:${code}`

function read (key, fallback) {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? fallback : JSON.parse(raw)
  } catch (err) {
    return fallback
  }
}

function write (key, value) {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value))
  } catch (err) { /* private mode: kept as long as the page */ }
}

export class DevicePeople {
  constructor (code) {
    this.code = code
    this.memory = { current: null, list: [] } // if localStorage refuses
  }

  get current () {
    try {
      return localStorage.getItem(currentKey(this.code)) ?? this.memory.current
    } catch (err) {
      return this.memory.current
    }
  }

  /** Everyone who has used this device here, the current person first. */
  list () {
    const saved = read(listKey(this.code), [])
    const list = Array.isArray(saved) ? saved.filter((p) => p && typeof p.token === 'string') : this.memory.list
    const current = this.current
    return [...list.filter((p) => p.token === current), ...list.filter((p) => p.token !== current)]
  }

  /** The current person's entry (a token kept before this list existed has only its token). */
  get me () {
    const current = this.current
    return current ? (this.list().find((p) => p.token === current) ?? { token: current }) : null
  }

  /** Where this token's unsent taps wait (its own key; the old shared one moved in). */
  outboxKey (token) {
    const key = `changeboard:outbox:${this.code}:${token.slice(-16)}`
    const shared = read(sharedOutboxKey(this.code), null)
    if (shared && token === this.current && read(key, null) === null) {
      write(key, shared)
      write(sharedOutboxKey(this.code), null)
    }
    return key
  }

  /** After a join: remember who this is (by their id), and make them the current person. */
  remember ({ token, you, rejoin }) {
    const list = this.list()
    const before = list.find((p) => (you?.id && p.id === you.id) || p.token === token)
    const entry = {
      token,
      id: you?.id ?? before?.id,
      name: you?.name ?? before?.name ?? '',
      group: you?.group ?? before?.group,
      rejoin: rejoin ?? before?.rejoin ?? null
    }
    const others = list.filter((p) => p !== before && p.token !== token)
    if (before && before.token !== token) this.#dropOutbox(before.token)
    this.#save([entry, ...others])
    this.#setCurrent(token)
    return entry
  }

  /** A new rejoin code for the current person. */
  setRejoin (rejoin) {
    const current = this.current
    this.#save(this.list().map((p) => (p.token === current ? { ...p, rejoin } : p)))
  }

  switchTo (token) {
    this.#setCurrent(token)
  }

  leave () {
    this.#setCurrent(null)
  }

  /** That person is no longer on this device (signed out, or their token was turned off). */
  forget (token) {
    this.#save(this.list().filter((p) => p.token !== token))
    this.#dropOutbox(token)
    if (this.current === token) this.#setCurrent(null)
  }

  #dropOutbox (token) {
    write(`changeboard:outbox:${this.code}:${token.slice(-16)}`, null)
    if (token === this.current) write(sharedOutboxKey(this.code), null)
  }

  #save (list) {
    this.memory.list = list
    write(listKey(this.code), list)
  }

  #setCurrent (token) {
    this.memory.current = token
    write(currentKey(this.code), token)
  }
}

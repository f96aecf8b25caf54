// "Recent changes you can undo": the undoable events this page has seen
// this session (a stage change, a theme merged or deleted, results shown,
// causes merged, something deleted), and those the server still offers from
// before the page opened (`undoable`), minus those already undone. "Undo…"
// first asks the server what the undo would change (`preview_undo`) and
// shows it; only "Undo it" sends the `undo` command.

import { h, replaceChildren } from '../dom.js'
import { stageInfo } from '../stage-list.js'

const UNDOABLE = new Set(['stage_set', 'theme_merged', 'theme_deleted', 'round_revealed', 'causes_merged', 'item_deleted'])
const KEEP = 8
const PREVIEW_TIMEOUT_MS = 10000

// An `item_deleted` event's `kind`: the board's list it was in, and what to call it.
const KINDS = { cause: ['causes', 'cause'], success: ['successes', 'success statement'], idea: ['ideas', 'idea'], action: ['actions', 'action'] }

function quote (text) {
  const clean = String(text ?? '').replace(/\s+/g, ' ').trim()
  return `“${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}”`
}

/** In words, what an event did; `before` is the board before it, `stages` the stage list. */
export function describeEvent (event, before, stages) {
  const theme = (id) => (before?.themes ?? []).find((t) => t.id === id)
  switch (event.type) {
    case 'stage_set':
      return `Moved the room to ${stageInfo(stages, event.stage).title}`
    case 'theme_merged':
      return `Merged the theme ${quote(theme(event.theme_id)?.title ?? 'a theme')} into ${quote(theme(event.into_id)?.title ?? 'another')}`
    case 'theme_deleted':
      return `Deleted the theme ${quote(theme(event.theme_id)?.title ?? '')}`
    case 'round_revealed':
      return `Showed the results of ${quote(event.round?.title || 'the dot vote')}`
    case 'causes_merged': {
      const gone = (before?.causes ?? []).find((c) => c.id === event.cause_id)
      return gone ? `Merged the cause ${quote(gone.text)} into another` : 'Merged two causes'
    }
    case 'item_deleted': {
      const [list, noun] = KINDS[event.kind] ?? []
      const gone = list && (before?.[list] ?? []).find((x) => x.id === event.item_id)
      return gone ? `Deleted the ${noun} ${quote(gone.text)}` : 'Deleted an item'
    }
    default:
      return event.type
  }
}

export class UndoPanel {
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.changes = [] // {seq, text}, oldest first
    this.afterUndone = false
    this.asking = null // {seq, text, description}
    this.state = null
    this.$list = h('ul', { className: 'cb-undo__list js-undo-list' })
    this.$confirm = h('div', { className: 'cb-confirm js-undo-confirm', hidden: true, tabIndex: -1 })
    this.$error = h('p', { className: 'cb-error-message js-undo-error', hidden: true })
    this.$empty = h('p', { className: 'cb-hint js-undo-empty', text: 'Nothing yet. Stage changes, merges, deletes and shown results appear here as you make them.' })
    replaceChildren($root, this.$empty, this.$list, this.$error, this.$confirm)
    $root.addEventListener('click', (e) => {
      const $button = e.target.closest('[data-undo]')
      if (!$button) return
      const act = $button.dataset.undo
      if (act === 'ask') this.ask(Number($button.dataset.seq))
      if (act === 'yes') this.undo()
      if (act === 'no') this.keep()
    })
  }

  /**
   * Ask the server for the slips that can still be undone, so a console
   * opened (or reloaded) after them still offers them. Once per page.
   */
  seed () {
    if (this.seeded) return
    const socket = this.connection.socket
    if (!socket?.connected) return
    this.seeded = true
    socket.timeout(PREVIEW_TIMEOUT_MS).emit('undoable', {}, (err, ack) => {
      if (err || !ack?.ok) {
        this.seeded = false // try again on the next state
        return
      }
      const known = new Set(this.changes.map((c) => c.seq))
      const older = (ack.changes ?? []).filter((c) => !known.has(c.seq))
        .map((c) => ({ seq: c.seq, text: c.description })).reverse()
      this.changes = [...older, ...this.changes].sort((a, b) => a.seq - b.seq)
      if (this.state) this.render(this.state)
    })
  }

  /** Take the events a state change applied; `before` is the state before them. */
  take (events, before) {
    for (const event of events ?? []) {
      // The event straight after an `undone` is the reversal: not a slip of its own.
      if (event.type === 'undone') {
        this.afterUndone = true
        continue
      }
      const reversal = this.afterUndone
      this.afterUndone = false
      if (reversal || !UNDOABLE.has(event.type)) continue
      this.changes.push({ seq: event.seq, text: describeEvent(event, before, this.connection.stages) })
    }
    if (this.changes.length > 50) this.changes = this.changes.slice(-50)
  }

  render (state) {
    this.state = state
    const undone = new Set(state.undone ?? [])
    const shown = this.changes.filter((c) => !undone.has(c.seq)).slice(-KEEP).reverse()
    this.$empty.hidden = shown.length > 0
    const focused = document.activeElement?.dataset?.seq
    replaceChildren(this.$list, shown.map((c) =>
      h('li', { className: 'cb-undo__item', dataset: { seq: String(c.seq) } },
        h('span', { className: 'cb-undo__text', text: c.text }),
        h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-button--small', dataset: { undo: 'ask', seq: String(c.seq) } },
          'Undo…', h('span', { className: 'cb-visually-hidden', text: ` ${c.text}` })))))
    if (focused) this.$list.querySelector(`[data-seq="${CSS.escape(focused)}"][data-undo]`)?.focus()
    if (this.asking && undone.has(this.asking.seq)) this.#closeConfirm()
  }

  #preview (seq) {
    const socket = this.connection.socket
    return new Promise((resolve, reject) => {
      if (!socket?.connected) return reject(new Error('Not connected. Try again in a moment.'))
      socket.timeout(PREVIEW_TIMEOUT_MS).emit('preview_undo', { seq }, (err, ack) => {
        if (err) return reject(new Error('The server did not answer. Try again.'))
        if (!ack?.ok) return reject(new Error(ack?.error?.message ?? 'That cannot be undone.'))
        resolve(ack.description)
      })
    })
  }

  async ask (seq) {
    this.$error.hidden = true
    const change = this.changes.find((c) => c.seq === seq)
    let description
    try {
      description = await this.#preview(seq)
    } catch (err) {
      this.$error.textContent = err.message
      this.$error.hidden = false
      this.announce(err.message)
      return
    }
    this.asking = { seq, text: change?.text ?? '', description }
    replaceChildren(this.$confirm,
      h('p', { className: 'cb-confirm__question', text: 'Undo this?' }),
      h('p', { className: 'js-undo-description', text: description }),
      h('div', { className: 'cb-button-group' },
        h('button', { type: 'button', className: 'cb-button', dataset: { undo: 'yes' }, text: 'Undo it' }),
        h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { undo: 'no' }, text: 'Keep it' })))
    this.$confirm.hidden = false
    this.$confirm.focus()
    this.announce(`Undo this? ${description}`)
  }

  async undo () {
    if (!this.asking) return
    const { seq, description } = this.asking
    this.$error.hidden = true
    try {
      await this.connection.send({ type: 'undo', seq })
      this.announce(`Undone. ${description}`)
      this.#closeConfirm()
    } catch (err) {
      this.$error.textContent = err?.message ?? 'That could not be undone.'
      this.$error.hidden = false
      this.#closeConfirm(false)
    }
  }

  keep () {
    const seq = this.asking?.seq
    this.#closeConfirm()
    this.$list.querySelector(`[data-undo="ask"][data-seq="${seq}"]`)?.focus()
  }

  #closeConfirm (focus = true) {
    this.asking = null
    this.$confirm.hidden = true
    replaceChildren(this.$confirm)
    if (focus && this.$root.contains(document.activeElement) === false) this.$list.querySelector('button')?.focus()
  }
}

// The facilitator's "Report and data" panel: the report and its share link,
// the board's files (CSV and JSON), restoring a saved board, the review form,
// the retention date, and deleting the board.
//
// Self-contained: give it an element, the board id and the facilitator token.
//   const panel = new DataPanel($section, { boardId, token, announce })
//   panel.update(state)   // title and retain_until_ms from the board state
// Files are fetched with the token in the Authorization header (never in an
// address), then saved from a Blob with the server's filename.

import { io } from '/static/vendor/socket.io-client/socket.io.esm.min.js'
import { h, replaceChildren } from '../dom.js'

const DOWNLOADS = [
  { file: 'statements.csv', label: 'Statements (CSV)', hint: 'Every statement, with its theme and dots.' },
  { file: 'themes.csv', label: 'Themes (CSV)', hint: 'Themes with I statements and dots by group.' },
  { file: 'actions.csv', label: 'Actions (CSV)', hint: 'The action plan: who does what, by when.' },
  { file: 'export.json', label: 'Whole board (JSON)', hint: 'To move the board to another server or restore it later.' }
]

let panels = 0

/** "24 February 2027" */
export function dateInWords (ms) {
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

function filenameFrom (response, fallback) {
  const header = response.headers.get('content-disposition') ?? ''
  const star = header.match(/filename\*=UTF-8''([^;]+)/i)
  if (star) {
    try { return decodeURIComponent(star[1]) } catch (err) { /* use the plain one */ }
  }
  return header.match(/filename="?([^";]+)"?/i)?.[1] ?? fallback
}

async function errorMessage (response) {
  const body = await response.json().catch(() => null)
  return body?.error?.message ?? `The server said ${response.status}.`
}

export class DataPanel {
  /**
   * @param {HTMLElement} $root  the panel's section
   * @param {object} options
   * @param {string} options.boardId
   * @param {string} options.token  a facilitator token
   * @param {string} [options.title]  the board's title (typed to confirm a delete)
   * @param {number} [options.retainUntilMs]  when the board will be deleted
   * @param {(message: string) => void} [options.announce]  the page's live region
   */
  constructor ($root, { boardId, token, title = '', retainUntilMs, announce = () => {} }) {
    this.$root = $root
    this.boardId = boardId
    this.token = token
    this.title = title
    this.retainUntilMs = retainUntilMs
    this.announce = announce
    this.n = ++panels
    this.deleted = false
    this.#build()
    this.#showRetention()
    // update(state) usually follows at once; ask the board only if it has no date.
    queueMicrotask(() => { if (typeof this.retainUntilMs !== 'number') this.#askRetention() })
  }

  /** Follow the board: its title, and the retention date when the state carries it. */
  update (state) {
    if (!state || this.deleted) return
    if (state.title) this.title = state.title
    if (typeof state.retain_until_ms === 'number') {
      this.retainUntilMs = state.retain_until_ms
      this.#showRetention()
    }
  }

  get #base () {
    return `/api/boards/${encodeURIComponent(this.boardId)}`
  }

  #pageLink (page) {
    return `${location.origin}/board/${encodeURIComponent(this.boardId)}/${page}#t=${encodeURIComponent(this.token)}`
  }

  #id (name) {
    return `data-${this.n}-${name}`
  }

  // ---- the markup ------------------------------------------------------------------

  #build () {
    if (!document.querySelector('link[data-cb-data-panel]')) {
      document.head.append(h('link', { rel: 'stylesheet', href: '/static/css/data-panel.css', dataset: { cbDataPanel: '' } }))
    }
    const heading = this.$root.querySelector('h2')
    const headingId = heading?.id || this.#id('heading')
    const $heading = heading ?? h('h2', { id: headingId, text: 'Report and data' })
    if (!this.$root.getAttribute('aria-labelledby')) this.$root.setAttribute('aria-labelledby', headingId)

    this.$status = h('p', { className: 'cb-hint js-data-status', attrs: { 'aria-live': 'off' } })
    this.$error = h('p', { className: 'cb-error-message js-data-error', hidden: true })

    // Report and its share link.
    this.$shareSlot = h('div', { className: 'js-share-slot', hidden: true })
    this.$shareButton = h('button', { type: 'button', className: 'cb-button cb-button--secondary js-make-share', text: 'Make a report share link' })
    this.$shareButton.addEventListener('click', () => this.makeShareLink())

    // Downloads.
    const $downloads = h('ul', { className: 'cb-data-downloads' }, DOWNLOADS.map((d) => {
      const $button = h('button', { type: 'button', className: 'cb-button cb-button--secondary js-download', dataset: { file: d.file }, text: d.label })
      $button.addEventListener('click', () => this.download(d.file, $button))
      return h('li', { className: 'cb-data-downloads__item' }, $button, h('p', { className: 'cb-hint', text: d.hint }))
    }))

    // Restore.
    const fileId = this.#id('restore-file')
    const passwordId = this.#id('restore-password')
    this.$restoreFile = h('input', { className: 'cb-file js-restore-file', id: fileId, type: 'file', accept: '.json,application/json' })
    this.$restorePassword = h('input', { className: 'cb-input', id: passwordId, type: 'password', autocomplete: 'off', attrs: { 'aria-describedby': `${passwordId}-hint` } })
    this.$restoreResult = h('div', { className: 'js-restore-result', hidden: true })
    this.$restoreFile.addEventListener('change', () => this.restore())

    // Retention and delete.
    this.$retention = h('p', { className: 'js-retention' })
    const confirmId = this.#id('confirm-title')
    this.$confirmHint = h('p', { className: 'cb-hint', id: `${confirmId}-hint` })
    this.$confirmInput = h('input', { className: 'cb-input js-confirm-title', id: confirmId, type: 'text', autocomplete: 'off', spellcheck: false, attrs: { 'aria-describedby': `${confirmId}-hint` } })
    this.$confirmError = h('p', { className: 'cb-error-message js-delete-error', id: `${confirmId}-error`, hidden: true })
    const $deleteButton = h('button', { type: 'button', className: 'cb-button cb-button--warning js-delete', text: 'Delete this board for good' })
    $deleteButton.addEventListener('click', () => this.deleteBoard($deleteButton))
    this.$deleteBox = h('details', { className: 'cb-data-delete js-delete-box' },
      h('summary', { className: 'cb-data-delete__summary', text: 'Delete this board' }),
      h('p', { text: 'This deletes the board and everything in it: every statement, theme and vote. It cannot be undone.' }),
      h('p', { text: 'Save the whole board (JSON) first if you may need it again.' }),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: confirmId, text: 'Type the board’s title to confirm' }),
        this.$confirmHint,
        this.$confirmError,
        this.$confirmInput),
      h('div', { className: 'cb-button-group' }, $deleteButton))
    this.$deleted = h('div', { className: 'cb-data-deleted js-deleted', hidden: true, tabIndex: -1 })

    this.$body = h('div', { className: 'cb-data-panel__body' },
      h('h3', { text: 'Report' }),
      h('p', {},
        h('a', { className: 'js-report-link', href: this.#pageLink('report'), target: '_blank', rel: 'noopener', text: 'Open the report' }),
        ' (opens in a new tab). A one-page summary and the full report, ready to print or save as PDF.'),
      h('h3', { text: 'Report share link' }),
      h('p', { className: 'cb-hint', text: 'Read only: for commissioners who missed the day. Anyone with the link can read the report, but not change the board.' }),
      this.$shareSlot,
      h('div', { className: 'cb-button-group' }, this.$shareButton),
      h('h3', { text: 'Download the data' }),
      $downloads,
      this.$error,
      this.$status,
      h('h3', { text: 'Restore a saved board' }),
      h('p', { className: 'cb-hint', text: 'Choose a board saved as JSON. It becomes a new board, with its own links; this board does not change.' }),
      this.$passwordGroup = h('div', { className: 'cb-form-group', hidden: true },
        h('label', { className: 'cb-label', htmlFor: passwordId, text: 'Password for making boards' }),
        h('p', { className: 'cb-hint', id: `${passwordId}-hint`, text: 'This server asks for it. Enter it, then choose the file again.' }),
        this.$restorePassword),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: fileId, text: 'Choose a saved board (.json)' }),
        this.$restoreFile),
      this.$restoreResult,
      h('h3', { text: 'Review form' }),
      h('p', {},
        h('a', { className: 'js-review-link', href: this.#pageLink('review'), target: '_blank', rel: 'noopener', text: 'Open the review form' }),
        ' (opens in a new tab). For entering a person’s review on a tablet, for example on a home visit.'),
      h('h3', { text: 'Keeping and deleting' }),
      this.$retention,
      this.$deleteBox)

    replaceChildren(this.$root, $heading, this.$body, this.$deleted)
  }

  #showError (message) {
    this.$error.textContent = message
    this.$error.hidden = false
    this.announce(message)
  }

  #showRetention () {
    this.$retention.textContent = typeof this.retainUntilMs === 'number' && this.retainUntilMs > 0
      ? `This board and everything in it will be deleted on ${dateInWords(this.retainUntilMs)}.`
      : 'Checking when this board will be deleted…'
    this.$confirmHint.textContent = this.title ? `The title is: ${this.title}` : ''
  }

  /**
   * The retention date is in the facilitator's board state. Where the page
   * did not pass it in, ask the board once over a short-lived connection.
   */
  #askRetention () {
    let socket
    try {
      socket = io({ transports: ['websocket'], reconnection: false })
    } catch (err) {
      return
    }
    const done = () => socket.close()
    socket.on('connect', () => {
      socket.timeout(10000).emit('join', { token: this.token }, (err, ack) => {
        done()
        if (err || !ack?.ok) return
        if (!this.title) this.title = ack.board?.title ?? ''
        if (typeof this.retainUntilMs !== 'number' && typeof ack.board?.retain_until_ms === 'number') {
          this.retainUntilMs = ack.board.retain_until_ms
        }
        this.#showRetention()
      })
    })
    socket.on('connect_error', done)
  }

  // ---- actions ---------------------------------------------------------------------

  async #fetch (path, options = {}) {
    try {
      return await fetch(`${this.#base}${path}`, {
        ...options,
        headers: { Authorization: `Bearer ${this.token}`, ...(options.headers ?? {}) },
        cache: 'no-store'
      })
    } catch (err) {
      throw new Error('We could not reach the server. Check the connection and try again.')
    }
  }

  async makeShareLink () {
    this.$error.hidden = true
    this.$shareButton.disabled = true
    try {
      const response = await this.#fetch('/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'reader' })
      })
      if (!response.ok) throw new Error(await errorMessage(response))
      const made = await response.json()
      this.#showShareLink(made.link)
      this.announce('Report share link made.')
    } catch (err) {
      this.#showError(err.message)
    } finally {
      this.$shareButton.disabled = false
    }
  }

  #showShareLink (link) {
    const id = this.#id('share-link')
    const $input = h('input', { className: 'cb-input js-share-link', id, type: 'text', readOnly: true, value: link })
    const $copy = h('button', { type: 'button', className: 'cb-button cb-button--secondary js-copy', text: 'Copy the link' })
    const $copied = h('p', { className: 'cb-hint js-copied' })
    $copy.addEventListener('click', async () => {
      let message = 'Link copied.'
      try {
        await navigator.clipboard.writeText(link)
      } catch (err) {
        // No clipboard over plain http on a local network: select it instead.
        $input.focus()
        $input.select()
        message = 'The link is selected: press Ctrl and C (or Cmd and C) to copy it.'
      }
      $copied.textContent = message
      this.announce(message)
    })
    $input.addEventListener('focus', () => $input.select())
    replaceChildren(this.$shareSlot,
      h('label', { className: 'cb-label', htmlFor: id, text: 'Report share link' }),
      $input,
      h('div', { className: 'cb-button-group cb-data-copy' }, $copy),
      $copied)
    this.$shareSlot.hidden = false
    this.$shareButton.textContent = 'Make another report share link'
  }

  async download (file, $button) {
    this.$error.hidden = true
    $button.disabled = true
    this.$status.textContent = `Getting ${file}…`
    try {
      const response = await this.#fetch(`/${file}`)
      if (!response.ok) throw new Error(await errorMessage(response))
      const blob = await response.blob()
      const name = filenameFrom(response, `changeboard-${this.boardId}-${file}`)
      const url = URL.createObjectURL(blob)
      const $a = h('a', { href: url, download: name, hidden: true })
      document.body.append($a)
      $a.click()
      $a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10000)
      this.$status.textContent = `Saved ${name}.`
      this.announce(`Saved ${name}.`)
    } catch (err) {
      this.$status.textContent = ''
      this.#showError(err.message)
    } finally {
      $button.disabled = false
    }
  }

  async restore () {
    const file = this.$restoreFile.files?.[0]
    if (!file) return
    this.$restoreResult.hidden = false
    replaceChildren(this.$restoreResult, h('p', { className: 'cb-hint', text: `Restoring ${file.name}…` }))
    try {
      let body = await file.text()
      const password = this.$restorePassword.value
      if (password) {
        const saved = JSON.parse(body)
        body = JSON.stringify({ ...saved, password })
      }
      let response
      try {
        response = await fetch('/api/boards/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      } catch (err) {
        throw new Error('We could not reach the server. Check the connection and try again.')
      }
      if (response.status === 403) this.$passwordGroup.hidden = false
      if (!response.ok) throw new Error(await errorMessage(response))
      const made = await response.json()
      const link = made.links?.facilitator ?? `${location.origin}/board/${encodeURIComponent(made.board_id)}/facilitate#t=${encodeURIComponent(made.facilitator_token)}`
      const linkId = this.#id('restored-link')
      replaceChildren(this.$restoreResult,
        h('div', { className: 'cb-panel js-restored' },
          h('p', {}, h('strong', { text: 'Restored as a new board.' }), ' Keep its facilitator link safe: it is the only way in.'),
          h('p', {}, h('a', { className: 'js-restored-link', href: link, target: '_blank', rel: 'noopener', text: 'Open the restored board' }), ' (new tab)'),
          h('label', { className: 'cb-label', htmlFor: linkId, text: 'Its facilitator link' }),
          h('input', { className: 'cb-input', id: linkId, type: 'text', readOnly: true, value: link })))
      this.announce('The saved board was restored as a new board.')
    } catch (err) {
      const message = err instanceof SyntaxError ? 'This file is not a saved board.' : err.message
      replaceChildren(this.$restoreResult, h('p', { className: 'cb-error-message js-restore-error', text: message }))
      this.announce(message)
    } finally {
      this.$restoreFile.value = ''
    }
  }

  async deleteBoard ($button) {
    const typed = this.$confirmInput.value.trim().toLowerCase()
    const wanted = this.title.trim().toLowerCase()
    this.$confirmError.hidden = true
    this.$confirmInput.removeAttribute('aria-invalid')
    if (!typed || typed !== wanted) {
      this.$confirmError.textContent = typed ? 'That is not the board’s title. Type it exactly as shown.' : 'Type the board’s title to confirm.'
      this.$confirmError.hidden = false
      this.$confirmInput.setAttribute('aria-invalid', 'true')
      this.$confirmInput.setAttribute('aria-describedby', `${this.$confirmError.id} ${this.$confirmHint.id}`)
      this.$confirmInput.focus()
      return
    }
    $button.disabled = true
    try {
      const response = await this.#fetch('', { method: 'DELETE' })
      if (!response.ok && response.status !== 404) throw new Error(await errorMessage(response))
    } catch (err) {
      this.$confirmError.textContent = err.message
      this.$confirmError.hidden = false
      this.announce(err.message)
      $button.disabled = false
      return
    }
    this.deleted = true
    this.$body.hidden = true
    replaceChildren(this.$deleted,
      h('p', { className: 'cb-data-deleted__title', text: 'Deleted.' }),
      h('p', { text: `“${this.title}” and everything in it has been deleted from the server. Its links no longer work.` }),
      h('p', {}, h('a', { href: '/', text: 'Go to the start page' })))
    this.$deleted.hidden = false
    this.$deleted.focus()
    this.announce('Deleted. The board and everything in it has been deleted.')
  }
}

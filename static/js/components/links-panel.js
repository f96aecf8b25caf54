// Links to hand out: the wall display, a co-facilitator, and a read-only
// report link. Each is a new token from the server; the list shows every
// link the board has, and any can be turned off (the server cuts it off live).
// A link's secret is only known when it is made, so this computer keeps the
// ones it made, to show them again after a reload.

import { issueToken, listTokens, revokeToken, tokenId } from '../api.js'
import { h, replaceChildren } from '../dom.js'

const ROLE_NAMES = { wall: 'Wall display', facilitator: 'Facilitator', reader: 'Report (read only)' }

export class LinksPanel {
  constructor ($root, { boardId, token, announce }) {
    this.$root = $root
    this.boardId = boardId
    this.token = token
    this.announce = announce
    this.storeKey = `changeboard:links:${boardId}`
    this.$list = $root.querySelector('.js-links-list')
    this.$error = $root.querySelector('.js-links-error')
    this.$status = $root.querySelector('.js-links-status')
    this.ownId = null
    for (const $button of $root.querySelectorAll('.js-issue')) {
      $button.addEventListener('click', () => this.issue($button.dataset.role, $button))
    }
    tokenId(token).then((id) => { this.ownId = id; this.refresh() }).catch(() => this.refresh())
  }

  #kept () {
    try {
      return JSON.parse(localStorage.getItem(this.storeKey) ?? '{}')
    } catch (err) {
      return {}
    }
  }

  #keep (kept) {
    try {
      localStorage.setItem(this.storeKey, JSON.stringify(kept))
    } catch (err) { /* shown until reload */ }
  }

  #showError (message) {
    this.$error.textContent = message
    this.$error.hidden = false
    this.announce(message)
  }

  /** The newest link of a role that this computer still knows, if it is still on. */
  latest (role) {
    const kept = this.#kept()
    const alive = new Set((this.tokens ?? []).map((t) => t.id))
    return Object.entries(kept)
      .filter(([id, k]) => k.role === role && (!this.tokens || alive.has(id)))
      .sort((a, b) => (b[1].made ?? 0) - (a[1].made ?? 0))[0]?.[1]?.link ?? null
  }

  async issue (role, $button) {
    this.$error.hidden = true
    $button.disabled = true
    this.$status.textContent = 'Making the link…'
    try {
      const made = await issueToken(this.boardId, this.token, role)
      this.#keep({ ...this.#kept(), [made.id]: { role: made.role, link: made.link, made: Date.now() } })
      this.announce(`${ROLE_NAMES[made.role] ?? made.role} link made.`)
      await this.refresh()
    } catch (err) {
      this.#showError(err.message)
    } finally {
      $button.disabled = false
      this.$status.textContent = ''
    }
  }

  async revoke (entry, $button) {
    this.$error.hidden = true
    $button.disabled = true
    try {
      await revokeToken(this.boardId, this.token, entry.id)
      const kept = this.#kept()
      delete kept[entry.id]
      this.#keep(kept)
      this.announce(`${ROLE_NAMES[entry.role] ?? entry.role} link turned off. Anyone using it is cut off.`)
      await this.refresh()
    } catch (err) {
      this.#showError(err.message)
      $button.disabled = false
    }
  }

  async refresh () {
    try {
      this.tokens = await listTokens(this.boardId, this.token)
    } catch (err) {
      this.#showError(err.message)
      return
    }
    const kept = this.#kept()
    for (const role of ['wall', 'facilitator', 'reader']) {
      const $slot = this.$root.querySelector(`.js-link-${role}`)
      if (!$slot) continue // the report link lives in the data panel
      const link = this.latest(role)
      $slot.hidden = !link
      if (!link) continue
      const $a = $slot.querySelector('a')
      if ($a) $a.href = link
      const $input = $slot.querySelector('input')
      if ($input) $input.value = link
    }
    replaceChildren(this.$list, this.tokens.map((t) => {
      const own = t.id === this.ownId
      const made = t.created_at_ms ? new Date(t.created_at_ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : ''
      const $off = own
        ? h('span', { className: 'cb-hint', text: 'The link you are using' })
        : h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-button--small js-revoke', text: 'Turn off' })
      if (!own) {
        $off.setAttribute('aria-label', `Turn off the ${ROLE_NAMES[t.role] ?? t.role} link made ${made}`)
        $off.addEventListener('click', () => this.revoke(t, $off))
      }
      return h('li', { className: 'cb-links__item', dataset: { id: t.id, role: t.role } },
        h('span', {},
          h('strong', { text: ROLE_NAMES[t.role] ?? t.role }),
          made ? ` — made ${made}` : '',
          kept[t.id] ? ' (made on this computer)' : ''),
        $off)
    }))
  }
}

// The theming console's dialogs: where chosen cards go (a theme found by a
// few typed letters, back to unthemed, or a new theme), changing a theme
// (rename, merge, delete), and the moves participants suggest.
// Each is a modal <dialog>: focus goes in, Escape cancels, focus comes back.

import { themeById, themesOf } from '../../board-state.js'
import { plural } from '../../dom.js'
import { ModalDialog } from '../../components/dialog.js'
import { html, live, nothing, render } from '../../lit.js'
import { showButton } from '../../components/wall-panel.js'

/** Where the chosen cards go. `onMove({themeId} | {newTheme: {title, i_statement}})` sends it. */
export class MoveDialog extends ModalDialog {
  constructor ($dialog, { onMove }) {
    super($dialog)
    this.onMove = onMove
    this.find = ''
    this.error = null
    this.busy = false
  }

  /**
   * Ask where `cards` (statements of `category`) go; `fresh`: straight to a
   * new theme (with no cards, just the new theme).
   */
  open (state, cards, { fresh = false, category }) {
    this.state = state
    this.cards = cards
    this.category = category
    this.fresh = fresh
    this.find = ''
    this.error = null
    this.busy = false
    this.draw()
    const $title = this.$dialog.querySelector('#move-new-title')
    if ($title) $title.value = ''
    this.show(fresh ? '#move-new-title' : '#move-find')
  }

  draw () {
    if (!this.cards) return
    const { state, cards, category } = this
    const words = this.find.trim().toLowerCase()
    const themes = themesOf(state, category)
    const matching = themes.filter((t) => !words || t.title.toLowerCase().includes(words))
    const themed = cards.some((c) => c.theme_id)
    const count = plural(cards.length, 'card')
    const heading = !cards.length ? 'A new theme' : this.fresh ? `A new theme from ${count}` : `Move ${count} to…`
    const go = (place) => async () => {
      this.busy = true
      this.error = null
      this.draw()
      try {
        await this.onMove(place)
        this.close()
      } catch (err) {
        this.error = err?.message ?? 'That did not work.'
      } finally {
        this.busy = false
        this.draw()
      }
    }
    const onFind = (event) => {
      event.preventDefault()
      const typed = event.currentTarget.querySelector('#move-find').value.trim()
      if (matching.length && words) return go({ themeId: matching[0].id })()
      if (typed) return go({ newTheme: { title: typed, i_statement: '' } })()
    }
    const onNew = (event) => {
      event.preventDefault()
      const $form = event.currentTarget
      const title = $form.querySelector('#move-new-title').value.trim()
      if (!title) {
        this.error = 'Give the new theme a title.'
        return this.draw()
      }
      go({ newTheme: { title, i_statement: $form.querySelector('#move-new-i').value.trim() } })()
    }
    render(html`<h2 class="cb-dialog__title" id="move-title">${heading}</h2>
      <p class="cb-hint" ?hidden=${!cards.length}>${cards.slice(0, 2).map((c) => `“${c.text.length > 70 ? `${c.text.slice(0, 69)}…` : c.text}”`).join(' ')}${cards.length > 2 ? ` and ${cards.length - 2} more` : ''}</p>
      ${this.error ? html`<p class="cb-error-message" role="alert">${this.error}</p>` : nothing}
      ${this.fresh ? nothing : html`<form class="cb-move__find" novalidate @submit=${onFind}>
        <label class="cb-label" for="move-find">Find a theme</label>
        <p class="cb-hint" id="move-find-hint">Type a few letters, then Enter. A name no theme has makes a new theme.</p>
        <input class="cb-input" id="move-find" type="text" autocomplete="off" aria-describedby="move-find-hint"
          .value=${live(this.find)} @input=${(e) => { this.find = e.currentTarget.value; this.draw() }}>
      </form>
      <ul class="cb-move__themes" aria-label="Themes">${matching.map((t) => html`<li><button type="button"
          class="cb-button cb-button--secondary cb-move__theme" ?disabled=${this.busy} @click=${go({ themeId: t.id })}>${t.title}</button></li>`)}
        ${themed && !words ? html`<li><button type="button" class="cb-button cb-button--secondary cb-move__theme"
          ?disabled=${this.busy} @click=${go({ themeId: null })}>Not yet themed</button></li>` : nothing}
        ${!matching.length && words ? html`<li><button type="button" class="cb-button cb-move__theme" ?disabled=${this.busy}
          @click=${go({ newTheme: { title: this.find.trim(), i_statement: '' } })}>Make a new theme “${this.find.trim()}”</button></li>` : nothing}
      </ul>`}
      <form class="cb-move__new" novalidate @submit=${onNew}>
        <h3>${this.fresh ? 'The new theme' : 'Or a new theme'}</h3>
        <div class="cb-form-group">
          <label class="cb-label" for="move-new-title">Theme title</label>
          <input class="cb-input" id="move-new-title" type="text" maxlength="120" autocomplete="off">
        </div>
        <div class="cb-form-group">
          <label class="cb-label" for="move-new-i">I statement (optional)</label>
          <textarea class="cb-textarea cb-textarea--short" id="move-new-i" rows="2" maxlength="600"></textarea>
        </div>
        <div class="cb-button-group">
          <button type="submit" class="cb-button" ?disabled=${this.busy}>${cards.length ? `Make the theme with ${count}` : 'Make the theme'}</button>
          <button type="button" class="cb-button cb-button--secondary" @click=${() => this.close()}>Cancel</button>
        </div>
      </form>`, this.$dialog)
  }
}

/** Changing one theme: its title and I statement, merging it into another, deleting it. */
export class ThemeDialog extends ModalDialog {
  constructor ($dialog, { connection, announce, confirm }) {
    super($dialog)
    this.connection = connection
    this.announce = announce
    this.confirm = confirm // ConfirmDialog
    this.error = null
  }

  open (state, theme, $opener) {
    this.state = state
    this.themeId = theme.id
    this.error = null
    this.$opener = $opener
    this.draw()
    this.show('#theme-edit-title')
  }

  draw () {
    const theme = themeById(this.state, this.themeId)
    if (!theme) return this.close()
    const others = themesOf(this.state, theme.category).filter((t) => t.id !== theme.id)
    const count = this.state.statements.filter((s) => s.theme_id === theme.id).length
    render(html`<h2 class="cb-dialog__title">Change “${theme.title}”</h2>
      ${this.error ? html`<p class="cb-error-message" role="alert">${this.error}</p>` : nothing}
      <form novalidate @submit=${(e) => this.#save(e, theme)}>
        <div class="cb-form-group">
          <label class="cb-label" for="theme-edit-title">Title</label>
          <input class="cb-input" id="theme-edit-title" type="text" maxlength="120" .value=${live(theme.title)}>
        </div>
        <div class="cb-form-group">
          <label class="cb-label" for="theme-edit-i">I statement</label>
          <textarea class="cb-textarea cb-textarea--short" id="theme-edit-i" rows="2" maxlength="600" .value=${live(theme.i_statement ?? '')}></textarea>
        </div>
        <div class="cb-button-group"><button type="submit" class="cb-button">Save</button></div>
      </form>
      ${others.length
        ? html`<form class="cb-inline-form" novalidate @submit=${(e) => this.#merge(e, theme)}>
            <label class="cb-label" for="theme-merge">Merge it into another theme</label>
            <p class="cb-hint" id="theme-merge-hint">Its ${plural(count, 'card')} move there and this theme goes.</p>
            <div class="cb-inline-form__row">
              <select class="cb-select" id="theme-merge" aria-describedby="theme-merge-hint">${others.map((t) => html`<option value=${t.id}>${t.title}</option>`)}</select>
              <button type="submit" class="cb-button cb-button--secondary">Merge…</button>
            </div>
          </form>`
        : nothing}
      <div class="cb-button-group">
        ${showButton(this.state, { kind: 'theme', id: theme.id }, this, 'Show it on the wall')}
        <button type="button" class="cb-button cb-button--warning" @click=${() => this.#delete(theme, count)}>Delete this theme…</button>
        <button type="button" class="cb-button cb-button--secondary" @click=${() => this.close()}>Close</button>
      </div>`, this.$dialog)
  }

  async #send (command, done) {
    this.error = null
    try {
      await this.connection.send(command)
      this.announce(done)
      return true
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
      this.draw()
      return false
    }
  }

  async #save (event, theme) {
    event.preventDefault()
    const title = this.$dialog.querySelector('#theme-edit-title').value.trim()
    const iStatement = this.$dialog.querySelector('#theme-edit-i').value.trim()
    if (!title) {
      this.error = 'The theme needs a title.'
      return this.draw()
    }
    if (await this.#send({ type: 'update_theme', theme_id: theme.id, title, i_statement: iStatement }, `Theme “${title}” saved.`)) this.close()
  }

  async #merge (event, theme) {
    event.preventDefault()
    const into = themeById(this.state, this.$dialog.querySelector('#theme-merge').value)
    const yes = await this.confirm.ask({
      title: `Merge “${theme.title}” into “${into.title}”?`,
      body: 'Its cards join the other theme and this theme goes. You can undo it.',
      yes: 'Yes, merge them'
    })
    if (yes && await this.#send({ type: 'merge_themes', theme_id: theme.id, into_id: into.id }, `“${theme.title}” merged into “${into.title}”.`)) this.close()
  }

  async #delete (theme, count) {
    const yes = await this.confirm.ask({
      title: `Delete “${theme.title}”?`,
      body: `Its ${plural(count, 'card')} go back to “Not yet themed”. Nothing else is lost, and you can undo it.`,
      yes: 'Yes, delete it',
      danger: true
    })
    if (yes && await this.#send({ type: 'delete_theme', theme_id: theme.id }, `“${theme.title}” deleted. Its cards are back in “Not yet themed”.`)) this.close()
  }
}

/** The moves participants suggested, to accept or dismiss. */
export class SuggestionsDialog extends ModalDialog {
  constructor ($dialog, { connection, announce }) {
    super($dialog)
    this.connection = connection
    this.announce = announce
    this.errors = new Map()
  }

  open (state) {
    this.draw(state, true)
    this.show('.js-suggestion button, .js-close')
  }

  /** Draw the list afresh (only while it is open, or as it opens). */
  draw (state = this.state, opening = false) {
    this.state = state
    if (!this.$dialog.open && !opening) return
    const waiting = state.suggestions ?? []
    const settle = (s, action) => async () => {
      this.errors.delete(s.id)
      try {
        await this.connection.send({ type: `${action}_suggestion`, suggestion_id: s.id })
        this.announce(action === 'accept' ? 'Suggestion accepted. The card has moved.' : 'Suggestion dismissed.')
      } catch (err) {
        this.errors.set(s.id, err?.message ?? 'That did not work.')
        this.draw()
      }
    }
    render(html`<h2 class="cb-dialog__title">Suggested moves (${waiting.length})</h2>
      ${waiting.length
        ? html`<ul class="cb-suggestions__list">${waiting.map((s) => {
          const card = state.statements.find((x) => x.id === s.statement_id)
          const to = s.theme_id ? themeById(state, s.theme_id)?.title ?? 'a theme that is gone' : 'Not yet themed'
          return html`<li class="cb-suggestion js-suggestion" data-id=${s.id}>
            <p>Move “<span>${card?.text ?? 'a card'}</span>” to <strong>${to}</strong></p>
            <div class="cb-button-group">
              <button type="button" class="cb-button" @click=${settle(s, 'accept')}>Accept</button>
              <button type="button" class="cb-button cb-button--secondary" @click=${settle(s, 'dismiss')}>Dismiss</button>
            </div>
            ${this.errors.has(s.id) ? html`<p class="cb-error-message" role="alert">${this.errors.get(s.id)}</p>` : nothing}
          </li>`
        })}</ul>`
        : html`<p class="cb-hint">No suggestions waiting.</p>`}
      <div class="cb-button-group"><button type="button" class="cb-button cb-button--secondary js-close" @click=${() => this.close()}>Close</button></div>`,
    this.$dialog)
  }
}

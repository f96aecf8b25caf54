// Importing review statements from a CSV file: a check first (a dry run
// that saves nothing), what would be imported and which rows would be left
// out and why, then the import itself, with progress while it runs.

import { importStatements } from '../api.js'
import { plural } from '../dom.js'
import { html, nothing, render } from '../lit.js'
import { CATEGORIES } from '../words.js'

export class Importer {
  /**
   * @param {HTMLElement} $root  where the importer draws
   * @param {object} options  boardId, token, announce, idPrefix (ids stay unique on a page),
   *   connection (the board's live connection: while a long import runs, the statements it
   *   has saved so far arrive as events, and the importer counts them)
   */
  constructor ($root, { boardId, token, announce, idPrefix = 'import', connection = null }) {
    this.$root = $root
    this.boardId = boardId
    this.token = token
    this.announce = announce
    this.id = idPrefix
    this.connection = connection
    this.saving = null // while importing: {before, total, saved}
    connection?.addEventListener('state', ({ detail: { state } }) => this.#count(state))
    this.text = null
    this.progress = null
    this.preview = null // the dry run's report
    this.result = null // {message, refused}
    this.error = null
    this.busy = false
    this.render()
  }

  render () {
    const total = this.preview ? Object.values(this.preview.by_category ?? {}).reduce((a, b) => a + b, 0) : 0
    const refused = this.preview?.refused ?? []
    render(html`<h2 id="${this.id}-heading">Import statements</h2>
      <p class="cb-hint">A CSV file with columns: review, person, category, priority, statement. You see a check before anything is saved.</p>
      <div class="cb-form-group">
        <label class="cb-label" for="${this.id}-file">Choose a CSV file</label>
        <input class="cb-file js-import-file" id="${this.id}-file" type="file" accept=".csv,text/csv" @change=${(e) => this.check(e.currentTarget)}>
      </div>
      <p class="cb-progress js-import-progress" ?hidden=${!this.progress}><span class="cb-spinner" aria-hidden="true"></span> <span>${this.progress ?? ''}</span></p>
      ${this.saving
        ? html`<p class="cb-progress cb-progress--bar js-import-saved"><label for="${this.id}-saved">Saved ${this.saving.saved} of ${this.saving.total} statements</label>
            <progress id="${this.id}-saved" max=${this.saving.total} .value=${this.saving.saved}></progress></p>`
        : nothing}
      ${this.error ? html`<p class="cb-error-message">${this.error}</p>` : nothing}
      ${this.preview
        ? html`<div class="js-import-preview">
            <h3>Check before importing</h3>
            <p class="js-preview-summary">${plural(total, 'statement')} can be imported. ${plural(refused.length, 'row')} will be left out.</p>
            <ul class="cb-import-counts">${CATEGORIES.map((c) => html`<li>${c.title}: ${this.preview.by_category?.[c.value] ?? 0}</li>`)}</ul>
            ${refused.length ? this.#refusedTable(refused) : nothing}
            ${total ? html`<div class="cb-button-group"><button type="button" class="cb-button js-import-button" ?disabled=${this.busy}
              @click=${() => this.import(total)}>Import ${plural(total, 'statement')}</button></div>` : nothing}
          </div>`
        : nothing}
      ${this.result
        ? html`<p class="cb-import-result js-import-result">${this.result.message}</p>${this.result.refused.length ? this.#refusedTable(this.result.refused) : nothing}`
        : nothing}`, this.$root)
  }

  #refusedTable (refused) {
    return html`<table class="cb-table js-refused">
      <caption>Rows that will be left out</caption>
      <thead><tr><th scope="col">Line</th><th scope="col">Why</th></tr></thead>
      <tbody>${refused.map((r) => html`<tr><td>${r.line}</td><td>${r.reason}</td></tr>`)}</tbody>
    </table>`
  }

  /** How many of the statements being imported the board holds now. */
  #count (state) {
    if (!this.saving) return
    const saved = Math.min(this.saving.total, Math.max(0, state.statements.length - this.saving.before))
    if (saved === this.saving.saved) return
    this.saving.saved = saved
    this.render()
  }

  #say (progress) {
    this.progress = progress
    if (progress) this.announce(progress)
    this.render()
  }

  async check ($file) {
    this.preview = null
    this.result = null
    this.error = null
    const file = $file.files?.[0]
    if (!file) return this.render()
    this.text = await file.text()
    const rows = Math.max(0, this.text.split(/\r?\n/).filter((line) => line.trim()).length - 1)
    this.#say(`Checking ${plural(rows, 'row')}…`)
    try {
      this.preview = await importStatements(this.boardId, this.token, this.text, { dryRun: true })
      const total = Object.values(this.preview.by_category ?? {}).reduce((a, b) => a + b, 0)
      this.announce(`${plural(total, 'statement')} ready to import. ${plural((this.preview.refused ?? []).length, 'row')} left out.`)
    } catch (err) {
      this.error = err.message
      this.announce(err.message)
    } finally {
      this.#say(null)
    }
  }

  async import (total) {
    if (!this.text) return
    this.busy = true
    const before = this.connection?.state?.statements?.length
    this.saving = before === undefined ? null : { before, total, saved: 0 }
    this.#say(`Importing… ${plural(total, 'statement')}`)
    try {
      const report = await importStatements(this.boardId, this.token, this.text)
      const refused = report.refused ?? []
      this.result = { message: `${report.imported ?? 0} imported, ${refused.length} refused.`, refused }
      this.preview = null
      this.text = null
      const $file = this.$root.querySelector('.js-import-file')
      if ($file) $file.value = ''
      this.announce(this.result.message)
    } catch (err) {
      this.result = { message: err.message, refused: [] }
      this.announce(err.message)
    } finally {
      this.busy = false
      this.saving = null
      this.#say(null)
    }
  }
}

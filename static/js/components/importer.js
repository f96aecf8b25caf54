// Importing review statements from a CSV file: a check first (a dry run
// that saves nothing), what would be imported and which rows would be left
// out and why, then the import itself, with progress while it runs.

import { importStatements } from '../api.js'
import { h, plural, replaceChildren } from '../dom.js'
import { CATEGORIES } from '../words.js'

export class Importer {
  constructor ($root, { boardId, token, announce }) {
    this.announce = announce
    this.$root = $root
    this.boardId = boardId
    this.token = token
    this.$file = $root.querySelector('.js-import-file')
    this.$preview = $root.querySelector('.js-import-preview')
    this.$button = $root.querySelector('.js-import-button')
    this.$result = $root.querySelector('.js-import-result')
    this.$progress = $root.querySelector('.js-import-progress')
    this.text = null
    this.$file.addEventListener('change', () => this.check())
    this.$button.addEventListener('click', () => this.import())
  }

  async check () {
    this.$button.hidden = true
    this.$result.hidden = true
    replaceChildren(this.$preview)
    const file = this.$file.files?.[0]
    if (!file) return
    this.text = await file.text()
    const rows = Math.max(0, this.text.split(/\r?\n/).filter((line) => line.trim()).length - 1)
    this.#progress(`Checking ${plural(rows, 'row')}…`)
    try {
      const report = await importStatements(this.boardId, this.token, this.text, { dryRun: true })
      this.#preview(report)
    } catch (err) {
      replaceChildren(this.$preview, h('p', { className: 'cb-error-message', text: err.message }))
      this.announce(err.message)
    } finally {
      this.#progress(null)
    }
  }

  #progress (text) {
    this.$progress.hidden = !text
    this.$root.querySelector('.js-import-progress-text').textContent = text ?? ''
    if (text) this.announce(text)
  }

  #preview (report) {
    const byCategory = report.by_category ?? {}
    const total = Object.values(byCategory).reduce((a, b) => a + b, 0)
    const refused = report.refused ?? []
    replaceChildren(this.$preview,
      h('h3', { text: 'Check before importing' }),
      h('p', { className: 'js-preview-summary', text: `${plural(total, 'statement')} can be imported. ${plural(refused.length, 'row')} will be left out.` }),
      h('ul', { className: 'cb-import-counts' }, CATEGORIES.map((c) =>
        h('li', { text: `${c.title}: ${byCategory[c.value] ?? 0}` }))),
      refused.length ? this.#refusedTable(refused) : null)
    this.$button.textContent = `Import ${plural(total, 'statement')}`
    this.$button.hidden = total === 0
    this.announce(`${plural(total, 'statement')} ready to import. ${plural(refused.length, 'row')} left out.`)
  }

  #refusedTable (refused) {
    return h('table', { className: 'cb-table js-refused' },
      h('caption', { text: 'Rows that will be left out' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Line' }), h('th', { scope: 'col', text: 'Why' }))),
      h('tbody', {}, refused.map((r) => h('tr', {}, h('td', { text: String(r.line) }), h('td', { text: r.reason })))))
  }

  async import () {
    if (!this.text) return
    this.$button.disabled = true
    this.#progress(`Importing… ${this.$button.textContent.replace(/^Import /, '')}`)
    try {
      const report = await importStatements(this.boardId, this.token, this.text)
      const message = `${report.imported ?? 0} imported, ${(report.refused ?? []).length} refused.`
      this.$result.textContent = message
      this.$result.hidden = false
      this.$button.hidden = true
      replaceChildren(this.$preview, (report.refused ?? []).length ? this.#refusedTable(report.refused) : null)
      this.$file.value = ''
      this.announce(message)
    } catch (err) {
      this.$result.textContent = err.message
      this.$result.hidden = false
      this.announce(err.message)
    } finally {
      this.$button.disabled = false
      this.$progress.hidden = true
    }
  }
}

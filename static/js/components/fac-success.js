// Success: for each chosen root cause, what success would look like from
// four perspectives (the person, commissioners, clinicians, the third
// sector). Add, reword, delete; see where each came from.

import { h } from '../dom.js'
import { PERSPECTIVES } from '../report-words.js'
import { FacPanel, addForm } from './fac-common.js'
import { traceDetails } from './fac-trace.js'

export class SuccessPanel extends FacPanel {
  keyOf (state) {
    return JSON.stringify([state.themes, state.causes, state.successes, state.statements.length])
  }

  build (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    if (!chosen.length) {
      return h('p', { className: 'cb-hint', text: 'No root causes are chosen yet. Go back to Understand and tick the root causes to work on.' })
    }
    return [
      h('p', { className: 'cb-hint', text: 'For each root cause: if it were fixed, what would success look like? Ask each group in turn. People can add their own from their phones.' }),
      chosen.map((cause) => this.#cause(state, cause))
    ]
  }

  #cause (state, cause) {
    const headingId = `success-${cause.id}`
    const theme = (state.themes ?? []).find((t) => t.id === cause.theme_id)
    return h('section', { className: 'cb-why', attrs: { 'aria-labelledby': headingId } },
      h('h3', { id: headingId, className: 'cb-why__theme' }, h('span', { className: 'cb-why__kicker', text: 'Root cause: ' }), cause.text),
      theme ? h('p', { className: 'cb-hint', text: `From the theme “${theme.title}”.` }) : null,
      h('div', { className: 'cb-perspectives' }, PERSPECTIVES.map((p) => {
        const list = (state.successes ?? []).filter((s) => s.cause_id === cause.id && s.perspective === p.value)
        const id = `success-new-${cause.id}-${p.value.replace(/\s+/g, '-')}`
        return h('section', { className: 'cb-perspective', attrs: { 'aria-label': `${p.title}: ${cause.text}` } },
          h('h4', { className: 'cb-perspective__title', text: p.title }),
          list.length
            ? h('ul', { className: 'cb-items' }, list.map((s) => h('li', { className: 'cb-item', dataset: { success: s.id } },
              h('p', { className: 'cb-item__text', text: s.text }),
              h('div', { className: 'cb-item__tools' },
                this.changeTools(s, { noun: 'success statement' }),
                traceDetails(state, 'success', s.id)))))
            : h('p', { className: 'cb-hint', text: 'None yet.' }),
          addForm({ form: 'add-success', id, dataId: `${cause.id}|${p.value}`, label: `Success for ${p.title.replace(/^The /, 'the ')}`, button: 'Add' }))
      })))
  }

  async act (act, id) {
    await this.commonAct(act, id)
  }

  async submit (form, id, $form) {
    if (await this.commonSubmit(form, id, $form)) return
    if (form === 'add-success') {
      const text = this.words($form, 'text', 'Type what success looks like first.')
      if (!text) return
      const [causeId, perspective] = id.split('|')
      const fieldId = $form.querySelector('input[name="text"]').id
      const ok = await this.send({ type: 'add_success', cause_id: causeId, perspective, text }, 'Success statement added.')
      if (ok) this.clearField(fieldId)
    }
  }
}

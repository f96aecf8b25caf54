// Success on the console: for each chosen root cause, what success would
// look like from four perspectives (the person, commissioners, clinicians,
// the third sector). Add, reword, delete; see where each came from.

import { ConsolePanel, addForm, consoleView } from '../../components/console-panel.js'
import { traceDetails } from '../../components/trace.js'
import { html, nothing, repeat } from '../../lit.js'
import { PERSPECTIVES } from '../../report-words.js'

export class SuccessPanel extends ConsolePanel {
  template (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    if (!chosen.length) {
      return html`<p class="cb-hint">No root causes are chosen yet. Go back to Understand and tick the root causes to work on.</p>`
    }
    return html`<p class="cb-hint">For each root cause: if it were fixed, what would success look like? Ask each group in turn. People can add their own from their phones.</p>
      ${repeat(chosen, (c) => c.id, (cause) => this.#cause(state, cause))}`
  }

  #cause (state, cause) {
    const headingId = `success-${cause.id}`
    const theme = (state.themes ?? []).find((t) => t.id === cause.theme_id)
    return html`<section class="cb-why" aria-labelledby=${headingId}>
      <h3 id=${headingId} class="cb-why__theme"><span class="cb-why__kicker">Root cause: </span>${cause.text}</h3>
      ${theme ? html`<p class="cb-hint">From the theme “${theme.title}”.</p>` : nothing}
      <div class="cb-perspectives">${PERSPECTIVES.map((p) => {
        const list = (state.successes ?? []).filter((s) => s.cause_id === cause.id && s.perspective === p.value)
        const id = `success-new-${cause.id}-${p.value.replace(/\s+/g, '-')}`
        const add = async ($form) => {
          const text = this.words($form, 'text', 'Type what success looks like first.')
          if (!text) return
          const ok = await this.send({ type: 'add_success', cause_id: cause.id, perspective: p.value, text }, 'Success statement added.')
          if (ok) this.clearField(id)
        }
        return html`<section class="cb-perspective" aria-label="${p.title}: ${cause.text}">
          <h4 class="cb-perspective__title">${p.title}</h4>
          ${list.length
            ? html`<ul class="cb-items">${repeat(list, (s) => s.id, (s) => html`<li class="cb-item" data-success=${s.id}>
                <p class="cb-item__text">${s.text}</p>
                <div class="cb-item__tools">
                  ${this.changeTools(s, { noun: 'success statement' })}
                  ${traceDetails(state, 'success', s.id)}
                </div>
              </li>`)}</ul>`
            : html`<p class="cb-hint">None yet.</p>`}
          ${addForm({ form: 'add-success', id, label: `Success for ${p.title.replace(/^The /, 'the ')}`, button: 'Add', onAdd: add })}
        </section>`
      })}</div>
    </section>`
  }
}

export const SuccessConsole = consoleView({ Panel: SuccessPanel, id: 'success', title: 'What success would look like', hook: 'js-success' })

// Plan on the console: the next steps. Each action has an owner (a role or
// an organisation), a due date and a status, linked to the idea it carries
// out; quick wins come first (the server sends them in that order). Every
// action shows where it came from, back to the review codes.

import { ConsolePanel, consoleView, split } from '../../components/console-panel.js'
import { traceDetails } from '../../components/trace.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'
import { allowed } from '../../policy.js'
import { STATUSES, dateWords, quadrantOne, statusTitle } from '../../report-words.js'

function quadrantOfIdea (state, ideaId) {
  const row = (state.grid ?? []).find((g) => g.idea_id === ideaId)
  // The room's view counts once the room has been shown it, as on the server.
  return row?.placement?.quadrant ?? (state.grid_view_shown ? row?.room?.quadrant : null) ?? null
}

function read ($form) {
  const value = (name) => ($form.querySelector(`[name="${name}"]`)?.value ?? '').trim()
  return { text: value('text'), owner: value('owner'), due: value('due'), idea: value('idea') }
}

export class PlanPanel extends ConsolePanel {
  #ideaOptions (state, selected) {
    const ideas = (state.ideas ?? []).filter((i) => i.kind !== 'in place')
    // Shortlisted ideas first: those are the ones on the grid.
    const ordered = [...ideas.filter((i) => i.shortlisted), ...ideas.filter((i) => !i.shortlisted)]
    return html`<option value="" ?selected=${!selected}>No idea linked</option>
      ${ordered.map((idea) => {
        const q = quadrantOfIdea(state, idea.id)
        const text = idea.text.length > 70 ? `${idea.text.slice(0, 69)}…` : idea.text
        return html`<option value=${idea.id} ?selected=${idea.id === selected}>${q ? `${text} (${quadrantOne(q).toLowerCase()})` : text}</option>`
      })}`
  }

  #fields (state, prefix, action = null) {
    const field = (name, label, input, hint = null) => html`<div class="cb-form-group">
      <label class="cb-label" for="${prefix}-${name}">${label}</label>
      ${hint ? html`<p class="cb-hint" id="${prefix}-${name}-hint">${hint}</p>` : nothing}
      ${input}
    </div>`
    return html`${field('text', 'What will be done', html`<input class="cb-input" id="${prefix}-text" name="text" type="text"
        maxlength="600" autocomplete="off" .value=${action?.text ?? ''}>`)}
      <div class="cb-form-row">
        ${field('owner', 'Who will do it', html`<input class="cb-input" id="${prefix}-owner" name="owner" type="text" maxlength="120"
          autocomplete="off" .value=${action?.owner ?? ''} aria-describedby="${prefix}-owner-hint">`,
          'A role or an organisation, for example “Practice manager” or “Breathe Easy group”.')}
        ${field('due', 'By when', html`<input class="cb-input cb-input--date" id="${prefix}-due" name="due" type="date" .value=${action?.due ?? ''}>`)}
      </div>
      ${field('idea', 'The idea it carries out', html`<select class="cb-select" id="${prefix}-idea" name="idea" ?disabled=${Boolean(action)}>
          ${this.#ideaOptions(state, action?.idea_id ?? null)}</select>`,
        action ? 'The linked idea stays as it was made.' : null)}`
  }

  template (state) {
    const actions = state.actions ?? []
    const wins = actions.filter((a) => quadrantOfIdea(state, a.idea_id) === 'quick win' || a.quadrant === 'quick win').length
    return split(html`<form class="cb-add-action" data-form="add-action" novalidate @submit=${this.onSubmit(($form) => this.#add($form))}>
        <h3>Add an action</h3>
        ${this.#fields(state, 'action-new')}
        <button type="submit" class="cb-button">Add the action</button>
      </form>`, html`<h3>The action plan (${plural(actions.length, 'action')})</h3>
      ${actions.length
        ? html`<p class="cb-hint">Quick wins come first${wins ? ` (${wins})` : ''}, then major projects, fill-ins and thankless tasks; then by date.</p>
          <ol class="cb-actions js-actions">${repeat(actions, (a) => a.id, (a) => this.#action(state, a))}</ol>`
        : html`<p class="cb-hint">No actions yet.</p>`}`)
  }

  #action (state, action) {
    const quadrant = action.quadrant ?? quadrantOfIdea(state, action.idea_id)
    const idea = (state.ideas ?? []).find((i) => i.id === action.idea_id)
    const when = dateWords(action.due)
    const prefix = `action-${action.id}`
    const saveStatus = this.onSubmit(async ($form) => {
      const status = $form.querySelector('select[name="status"]').value
      await this.send({ type: 'update_action', action_id: action.id, status }, `Status saved: ${statusTitle(status).toLowerCase()}.`)
    })
    const edit = this.onSubmit(async ($form) => {
      const { text, owner, due } = read($form)
      if (!text || !owner) return this.showError('An action needs what will be done and who will do it.')
      await this.send({ type: 'update_action', action_id: action.id, text, owner, ...(due ? { due } : {}) }, 'Action saved.')
    })
    return html`<li class="cb-action" data-action=${action.id}>
      <p class="cb-action__tags"><span class="cb-tag cb-tag--quadrant ${quadrant === 'quick win' ? 'cb-tag--win' : ''}">${quadrant
        ? quadrantOne(quadrant) : 'Not on the grid'}</span> <span class="cb-tag cb-tag--status cb-tag--${action.status.replace(/\s+/g, '-')}">${statusTitle(action.status)}</span></p>
      <p class="cb-action__text">${action.text}</p>
      <p class="cb-action__meta">Who: ${action.owner || 'not agreed yet'} · ${when ? `By ${when}` : 'No date yet'}${idea ? ` · Idea: ${idea.text}` : ''}</p>
      <div class="cb-item__tools">
        <form class="cb-inline-form cb-status-form" data-form="status" novalidate @submit=${saveStatus}>
          <label class="cb-label" for="${prefix}-status">Status</label>
          <div class="cb-inline-form__row">
            <select class="cb-select" id="${prefix}-status" name="status">
              ${STATUSES.map((s) => html`<option value=${s.value} ?selected=${s.value === action.status}>${s.title}</option>`)}
            </select>
            <button type="submit" class="cb-button cb-button--secondary">Save the status<span class="cb-visually-hidden"> of “${action.text}”</span></button>
          </div>
        </form>
        <details class="cb-item-tools">
          <summary class="cb-item-tools__summary">Change or remove<span class="cb-visually-hidden"> the action “${action.text}”</span></summary>
          <div class="cb-item-tools__body">
            <form data-form="edit-action" novalidate @submit=${edit}>
              ${this.#fields(state, `${prefix}-edit`, action)}
              <button type="submit" class="cb-button cb-button--secondary">Save the changes</button>
            </form>
            ${allowed(this.connection, 'delete_item', state)
              ? html`<div class="cb-button-group"><button type="button" class="cb-button cb-button--warning" data-key="delete-${action.id}"
                  aria-haspopup="dialog" @click=${() => this.#remove(action)}>Delete this action…</button></div>`
              : nothing}
          </div>
        </details>
        ${traceDetails(state, 'action', action.id)}
      </div>
    </li>`
  }

  async #remove (action) {
    const yes = await this.dialog.ask({
      title: 'Delete this action?',
      body: html`<p>“${action.text}”</p><p>You can undo this from “Undo” at the top.</p>`,
      yes: 'Yes, delete it',
      no: 'Keep it',
      danger: true
    })
    if (yes) await this.send({ type: 'delete_item', item_id: action.id }, 'Action deleted.')
  }

  async #add ($form) {
    const { text, owner, due, idea } = read($form)
    const problem = !text ? 'Say what will be done.' : !owner ? 'Say who will do it: a role or an organisation.' : null
    if (problem) {
      this.showError(problem)
      this.announce(problem)
      $form.querySelector(`[name="${text ? 'owner' : 'text'}"]`)?.focus()
      return
    }
    const ok = await this.send({ type: 'add_action', text, owner, ...(due ? { due } : {}), ...(idea ? { idea_id: idea } : {}) },
      `Action added: ${text}.`)
    if (ok) {
      for (const name of ['owner', 'due', 'idea']) {
        const $field = this.$root.querySelector(`#action-new-${name}`)
        if ($field) $field.value = ''
      }
      this.clearField('action-new-text')
    }
  }
}

export const PlanConsole = consoleView({ Panel: PlanPanel, id: 'plan', title: 'Action plan', hook: 'js-plan' })

// Plan: the next steps. Each action has an owner (a person's role or an
// organisation), a due date and a status, linked to the idea it carries
// out; quick wins come first (the server sends them in that order). Every
// action shows where it came from, back to the review codes.

import { h, plural } from '../dom.js'
import { STATUSES, dateWords, quadrantOne, statusTitle } from '../report-words.js'
import { FacPanel } from './fac-common.js'
import { traceDetails } from './fac-trace.js'

function quadrantOfIdea (state, ideaId) {
  const row = (state.grid ?? []).find((g) => g.idea_id === ideaId)
  return row?.placement?.quadrant ?? row?.room?.quadrant ?? null
}

export class PlanPanel extends FacPanel {
  keyOf (state) {
    return JSON.stringify([state.actions, state.ideas, state.grid, state.successes, state.causes, state.themes, state.statements.length])
  }

  #ideaOptions (state, selected) {
    const ideas = (state.ideas ?? []).filter((i) => i.kind !== 'in place')
    // Shortlisted ideas first: those are the ones on the grid.
    const ordered = [...ideas.filter((i) => i.shortlisted), ...ideas.filter((i) => !i.shortlisted)]
    return [
      h('option', { value: '', text: 'No idea linked', selected: !selected }),
      ordered.map((idea) => {
        const q = quadrantOfIdea(state, idea.id)
        const text = idea.text.length > 70 ? `${idea.text.slice(0, 69)}…` : idea.text
        return h('option', { value: idea.id, text: q ? `${text} (${quadrantOne(q).toLowerCase()})` : text, selected: idea.id === selected })
      })
    ]
  }

  #fields (state, prefix, action = null) {
    const field = (name, label, input, hint) => h('div', { className: 'cb-form-group' },
      h('label', { className: 'cb-label', htmlFor: `${prefix}-${name}`, text: label }),
      hint ? h('p', { className: 'cb-hint', id: `${prefix}-${name}-hint`, text: hint }) : null,
      input)
    return [
      field('text', 'What will be done', h('input', { className: 'cb-input', id: `${prefix}-text`, name: 'text', type: 'text', maxLength: 600, autocomplete: 'off', value: action?.text ?? '', dataset: { key: `${prefix}-text` } })),
      h('div', { className: 'cb-form-row' },
        field('owner', 'Who will do it', h('input', { className: 'cb-input', id: `${prefix}-owner`, name: 'owner', type: 'text', maxLength: 120, autocomplete: 'off', value: action?.owner ?? '', dataset: { key: `${prefix}-owner` }, attrs: { 'aria-describedby': `${prefix}-owner-hint` } }),
          'A role or an organisation, for example “Practice manager” or “Breathe Easy group”.'),
        field('due', 'By when', h('input', { className: 'cb-input cb-input--date', id: `${prefix}-due`, name: 'due', type: 'date', value: action?.due ?? '', dataset: { key: `${prefix}-due` } }))),
      field('idea', 'The idea it carries out', h('select', { className: 'cb-select', id: `${prefix}-idea`, name: 'idea', dataset: { key: `${prefix}-idea` }, disabled: Boolean(action) }, this.#ideaOptions(state, action?.idea_id ?? null)),
        action ? 'The linked idea stays as it was made.' : null)
    ]
  }

  build (state) {
    const actions = state.actions ?? []
    const wins = actions.filter((a) => quadrantOfIdea(state, a.idea_id) === 'quick win' || a.quadrant === 'quick win').length
    return [
      h('form', { className: 'cb-add-action', dataset: { form: 'add-action' }, noValidate: true },
        h('h3', { text: 'Add an action' }),
        this.#fields(state, 'action-new'),
        h('button', { type: 'submit', className: 'cb-button', dataset: { key: 'action-add' }, text: 'Add the action' })),
      h('h3', { text: `The action plan (${plural(actions.length, 'action')})` }),
      actions.length
        ? [
            h('p', { className: 'cb-hint', text: `Quick wins come first${wins ? ` (${wins})` : ''}, then major projects, fill-ins and thankless tasks; then by date.` }),
            h('ol', { className: 'cb-actions js-actions' }, actions.map((a) => this.#action(state, a)))
          ]
        : h('p', { className: 'cb-hint', text: 'No actions yet.' })
    ]
  }

  #action (state, action) {
    const quadrant = action.quadrant ?? quadrantOfIdea(state, action.idea_id)
    const idea = (state.ideas ?? []).find((i) => i.id === action.idea_id)
    const when = dateWords(action.due)
    const prefix = `action-${action.id}`
    return h('li', { className: 'cb-action', dataset: { action: action.id } },
      h('p', { className: 'cb-action__tags' },
        h('span', { className: `cb-tag cb-tag--quadrant${quadrant === 'quick win' ? ' cb-tag--win' : ''}`, text: quadrant ? quadrantOne(quadrant) : 'Not on the grid' }),
        ' ',
        h('span', { className: `cb-tag cb-tag--status cb-tag--${action.status.replace(/\s+/g, '-')}`, text: statusTitle(action.status) })),
      h('p', { className: 'cb-action__text', text: action.text }),
      h('p', { className: 'cb-action__meta', text: `Who: ${action.owner || 'not agreed yet'} · ${when ? `By ${when}` : 'No date yet'}${idea ? ` · Idea: ${idea.text}` : ''}` }),
      h('div', { className: 'cb-item__tools' },
        h('form', { className: 'cb-inline-form cb-status-form', dataset: { form: 'status', id: action.id }, noValidate: true },
          h('label', { className: 'cb-label', htmlFor: `${prefix}-status`, text: 'Status' }),
          h('div', { className: 'cb-inline-form__row' },
            h('select', { className: 'cb-select', id: `${prefix}-status`, name: 'status', dataset: { key: `${prefix}-status` } },
              STATUSES.map((s) => h('option', { value: s.value, text: s.title, selected: s.value === action.status }))),
            h('button', { type: 'submit', className: 'cb-button cb-button--secondary', dataset: { key: `${prefix}-status-save` } },
              'Save the status', h('span', { className: 'cb-visually-hidden', text: ` of “${action.text}”` })))),
        h('details', { className: 'cb-item-tools', dataset: { key: `edit-${action.id}` } },
          h('summary', { className: 'cb-item-tools__summary', dataset: { key: `edit-${action.id}-summary` } },
            'Change', h('span', { className: 'cb-visually-hidden', text: ` the action “${action.text}”` })),
          h('form', { className: 'cb-item-tools__body', dataset: { form: 'edit-action', id: action.id }, noValidate: true },
            this.#fields(state, `${prefix}-edit`, action),
            h('button', { type: 'submit', className: 'cb-button cb-button--secondary', dataset: { key: `${prefix}-save` }, text: 'Save the changes' }))),
        traceDetails(state, 'action', action.id)))
  }

  async act () {}

  #read ($form) {
    const value = (name) => ($form.querySelector(`[name="${name}"]`)?.value ?? '').trim()
    return { text: value('text'), owner: value('owner'), due: value('due'), idea: value('idea') }
  }

  async submit (form, id, $form) {
    if (form === 'add-action') {
      const { text, owner, due, idea } = this.#read($form)
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
    if (form === 'status') {
      const status = $form.querySelector('select[name="status"]').value
      await this.send({ type: 'update_action', action_id: id, status }, `Status saved: ${statusTitle(status).toLowerCase()}.`)
    }
    if (form === 'edit-action') {
      const { text, owner, due } = this.#read($form)
      if (!text || !owner) {
        this.showError('An action needs what will be done and who will do it.')
        return
      }
      await this.send({ type: 'update_action', action_id: id, text, owner, ...(due ? { due } : {}) }, 'Action saved.')
    }
  }
}

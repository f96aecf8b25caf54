// Ideas: first what is already in place, then radical, traditional and
// different ideas, each linked to the success statements it serves. Add,
// reword, delete, trace; a dot vote on ideas; tick the shortlist for the
// investment grid.

import { h, plural } from '../dom.js'
import { IDEA_KINDS, perspectiveTitle } from '../report-words.js'
import { FacPanel } from './fac-common.js'
import { traceDetails } from './fac-trace.js'

/** Ideas that can go on the grid: everything but "already in place" notes. */
export function newIdeas (state) {
  return (state.ideas ?? []).filter((i) => i.kind !== 'in place')
}

export class IdeasPanel extends FacPanel {
  /** @param {object} options  also `onVote(ids)`: open the vote form on these ideas */
  constructor ($root, options) {
    super($root, options)
    this.onVote = options.onVote ?? (() => {})
    this.shortKey = null
  }

  keyOf (state) {
    return JSON.stringify([state.themes, state.causes, state.successes, state.ideas, state.statements.length])
  }

  build (state) {
    return [
      h('p', { className: 'cb-hint', text: 'First note what is already in place. Then collect ideas of three kinds. Link each idea to the success it would bring.' }),
      this.#addForm(state),
      IDEA_KINDS.map((kind) => this.#kind(state, kind)),
      this.#shortlist(state)
    ]
  }

  #addForm (state) {
    const successes = state.successes ?? []
    const causes = (state.causes ?? []).filter((c) => successes.some((s) => s.cause_id === c.id))
    return h('form', { className: 'cb-add-idea', dataset: { form: 'add-idea' }, noValidate: true },
      h('h3', { text: 'Add an idea' }),
      h('fieldset', { className: 'cb-fieldset' },
        h('legend', { text: 'What kind?' }),
        h('div', { className: 'cb-kinds' }, IDEA_KINDS.map((k, i) =>
          h('div', { className: 'cb-choice cb-choice--radio' },
            h('input', { className: 'cb-choice__input', type: 'radio', name: 'kind', id: `idea-kind-${k.value.replace(/\s+/g, '-')}`, value: k.value, checked: i === 0 }),
            h('label', { className: 'cb-choice__label', htmlFor: `idea-kind-${k.value.replace(/\s+/g, '-')}` },
              h('span', { className: 'cb-choice__title', text: k.title }),
              h('span', { className: 'cb-choice__hint', text: k.hint })))))),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: 'idea-new-text', text: 'The idea, or what is in place' }),
        h('input', { className: 'cb-input', id: 'idea-new-text', name: 'text', type: 'text', maxLength: 600, autocomplete: 'off', dataset: { key: 'idea-new-text' } })),
      successes.length
        ? h('fieldset', { className: 'cb-fieldset cb-serves' },
          h('legend', { text: 'Which success would it bring? (tick any)' }),
          causes.map((cause) => h('div', { className: 'cb-serves__cause' },
            h('p', { className: 'cb-label', text: `Root cause: ${cause.text}` }),
            successes.filter((s) => s.cause_id === cause.id).map((s) =>
              h('div', { className: 'cb-choice cb-choice--checkbox' },
                h('input', { className: 'cb-choice__input', type: 'checkbox', name: 'serves', id: `serves-${s.id}`, value: s.id }),
                h('label', { className: 'cb-choice__label', htmlFor: `serves-${s.id}` },
                  h('span', { className: 'cb-choice__title', text: s.text }),
                  h('span', { className: 'cb-choice__hint', text: perspectiveTitle(s.perspective) })))))))
        : h('p', { className: 'cb-hint', text: 'No success statements yet, so this idea will not be linked to one.' }),
      h('button', { type: 'submit', className: 'cb-button', dataset: { key: 'idea-add' }, text: 'Add the idea' }))
  }

  #kind (state, kind) {
    const ideas = (state.ideas ?? []).filter((i) => i.kind === kind.value)
    const headingId = `ideas-${kind.value.replace(/\s+/g, '-')}`
    return h('section', { className: 'cb-idea-kind', attrs: { 'aria-labelledby': headingId } },
      h('h3', { id: headingId, text: `${kind.title} (${ideas.length})` }),
      h('p', { className: 'cb-hint', text: kind.hint }),
      ideas.length
        ? h('ul', { className: 'cb-items' }, ideas.map((idea) => this.#idea(state, idea)))
        : h('p', { className: 'cb-hint', text: 'None yet.' }))
  }

  #idea (state, idea) {
    const serves = (idea.serves ?? []).map((id) => (state.successes ?? []).find((s) => s.id === id)).filter(Boolean)
    return h('li', { className: `cb-item${idea.shortlisted ? ' cb-item--chosen' : ''}`, dataset: { idea: idea.id } },
      h('p', { className: 'cb-item__text' },
        h('span', { text: idea.text }),
        idea.shortlisted ? h('span', { className: 'cb-tag cb-tag--chosen', text: '✓ Shortlisted' }) : null),
      serves.length
        ? h('p', { className: 'cb-item__meta', text: `Would bring: ${serves.map((s) => `“${s.text}”`).join('; ')}` })
        : h('p', { className: 'cb-item__meta', text: 'Not linked to a success statement.' }),
      h('div', { className: 'cb-item__tools' },
        this.changeTools(idea, { noun: 'idea' }),
        traceDetails(state, 'idea', idea.id)))
  }

  #shortlist (state) {
    const ideas = newIdeas(state)
    if (!ideas.length) return null
    const key = JSON.stringify(ideas.filter((i) => i.shortlisted).map((i) => i.id))
    const keep = key === this.shortKey ? 'yes' : 'no'
    this.shortKey = key
    const chosen = ideas.filter((i) => i.shortlisted).length
    return h('form', { className: 'cb-choose', dataset: { form: 'shortlist' }, noValidate: true },
      h('fieldset', { className: 'cb-fieldset' },
        h('legend', { className: 'cb-choose__legend', text: 'Shortlist' }),
        h('p', { className: 'cb-hint', text: `Tick the ideas to put on the investment grid. ${chosen ? `${plural(chosen, 'idea is', 'ideas are')} on the shortlist now.` : 'None yet.'} A dot vote can help the room choose.` }),
        ideas.map((idea) => h('div', { className: 'cb-choice cb-choice--checkbox' },
          h('input', { className: 'cb-choice__input', type: 'checkbox', id: `shortlist-${idea.id}`, value: idea.id, checked: idea.shortlisted, dataset: { keep, key: `shortlist-${idea.id}` } }),
          h('label', { className: 'cb-choice__label', htmlFor: `shortlist-${idea.id}` },
            h('span', { className: 'cb-choice__title', text: idea.text }))))),
      h('div', { className: 'cb-button-group' },
        h('button', { type: 'submit', className: 'cb-button', dataset: { key: 'shortlist-save' }, text: 'Save the shortlist' }),
        h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { act: 'vote', key: 'vote-ideas' }, text: 'Open a dot vote on the ideas' })))
  }

  async act (act, id) {
    if (await this.commonAct(act, id)) return
    if (act === 'vote') this.onVote(newIdeas(this.state).map((i) => i.id))
  }

  async submit (form, id, $form) {
    if (await this.commonSubmit(form, id, $form)) return
    if (form === 'add-idea') {
      const text = this.words($form, 'text', 'Type the idea first.')
      if (!text) return
      const kind = $form.querySelector('input[name="kind"]:checked')?.value ?? 'radical'
      const serves = [...$form.querySelectorAll('input[name="serves"]:checked')].map((c) => c.value)
      const ok = await this.send({ type: 'add_idea', kind, text, serves },
        kind === 'in place' ? 'Added to what is already in place.' : 'Idea added.')
      if (ok) {
        for (const $box of this.$root.querySelectorAll('input[name="serves"]:checked')) $box.checked = false
        this.clearField('idea-new-text')
      }
    }
    if (form === 'shortlist') {
      const ids = [...$form.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
      await this.send({ type: 'shortlist_ideas', idea_ids: ids },
        ids.length ? `${plural(ids.length, 'idea')} on the shortlist.` : 'The shortlist is empty.')
    }
  }
}

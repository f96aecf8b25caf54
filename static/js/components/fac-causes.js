// Understand: for each theme carried forward, the "why?" tree. Add a cause
// at any level, reword, merge two causes (choose which one to keep), delete
// with a confirm, see where a cause came from; then tick the root causes
// to work on. A dot vote on the causes can be opened with the usual form.

import { h, plural } from '../dom.js'
import { FacPanel, addForm, carriedThemes, causesUnder } from './fac-common.js'
import { traceDetails } from './fac-trace.js'

export class CausesPanel extends FacPanel {
  /** @param {object} options  also `onVote(ids)`: open the vote form on these causes */
  constructor ($root, options) {
    super($root, options)
    this.onVote = options.onVote ?? (() => {})
    this.chosenKey = null
  }

  keyOf (state) {
    return JSON.stringify([state.carried, state.themes, state.causes, state.statements.length])
  }

  build (state) {
    const themes = carriedThemes(state)
    if (!themes.length) {
      return h('p', { className: 'cb-hint', text: 'No themes are carried forward yet. Go back to Prioritise and carry the chosen themes forward.' })
    }
    const causes = (state.causes ?? []).filter((c) => themes.some((t) => t.id === c.theme_id))
    return [
      h('p', { className: 'cb-hint', text: 'For each theme, ask “why?” again and again. Add a cause under another to answer “why?” to it. People can add causes from their phones too.' }),
      themes.map((theme) => this.#theme(state, theme)),
      this.#choose(state, themes, causes),
      causes.length
        ? h('div', { className: 'cb-button-group' },
          h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { act: 'vote', key: 'vote-causes' }, text: 'Open a dot vote on these causes' }))
        : null
    ]
  }

  #theme (state, theme) {
    const headingId = `why-${theme.id}`
    const top = causesUnder(state, theme.id, null)
    return h('section', { className: 'cb-why', attrs: { 'aria-labelledby': headingId } },
      h('h3', { id: headingId, className: 'cb-why__theme', text: theme.title }),
      theme.i_statement ? h('p', { className: 'cb-why__quote', text: `“${theme.i_statement}”` }) : null,
      top.length
        ? h('ul', { className: 'cb-tree', attrs: { 'aria-label': `Causes of “${theme.title}”` } }, top.map((c) => this.#cause(state, c, 1)))
        : h('p', { className: 'cb-hint', text: 'No causes yet.' }),
      addForm({ form: 'add-cause', id: `cause-new-${theme.id}`, dataId: theme.id, label: `Why? Add a cause of “${theme.title}”`, button: 'Add the cause' }))
  }

  #cause (state, cause, depth) {
    const children = causesUnder(state, cause.theme_id, cause.id)
    const siblings = (state.causes ?? []).filter((c) => c.theme_id === cause.theme_id && c.id !== cause.id)
    const mergeId = `merge-${cause.id}`
    const merge = siblings.length
      ? h('form', { className: 'cb-inline-form', dataset: { form: 'merge', id: cause.id }, noValidate: true },
        h('label', { className: 'cb-label', htmlFor: mergeId, text: 'Merge into another cause (the same cause in other words)' }),
        h('p', { className: 'cb-hint', id: `${mergeId}-hint`, text: 'This cause goes; its deeper causes and success statements move to the one you choose.' }),
        h('div', { className: 'cb-inline-form__row' },
          h('select', { className: 'cb-select', id: mergeId, name: 'into', dataset: { key: mergeId }, attrs: { 'aria-describedby': `${mergeId}-hint` } },
            h('option', { value: '', text: 'Choose the cause to keep' }),
            siblings.map((c) => h('option', { value: c.id, text: c.text.length > 80 ? `${c.text.slice(0, 79)}…` : c.text }))),
          h('button', { type: 'submit', className: 'cb-button cb-button--secondary', dataset: { key: `${mergeId}-button` }, text: 'Merge' })))
      : null
    return h('li', { className: 'cb-tree__item', dataset: { cause: cause.id } },
      h('div', { className: `cb-item${cause.chosen ? ' cb-item--chosen' : ''}` },
        h('p', { className: 'cb-item__text' },
          depth > 1 ? h('span', { className: 'cb-item__why', text: 'Why? ' }) : null,
          h('span', { className: 'js-cause-text', text: cause.text }),
          cause.chosen ? h('span', { className: 'cb-tag cb-tag--chosen', text: '✓ Root cause to work on' }) : null),
        h('div', { className: 'cb-item__tools' },
          h('details', { className: 'cb-item-tools', dataset: { key: `why-${cause.id}` } },
            h('summary', { className: 'cb-item-tools__summary', dataset: { key: `why-${cause.id}-summary` } },
              'Ask “why?” again', h('span', { className: 'cb-visually-hidden', text: `: a deeper cause of “${cause.text}”` })),
            h('div', { className: 'cb-item-tools__body' },
              addForm({ form: 'add-cause', id: `cause-under-${cause.id}`, dataId: cause.theme_id, label: `Why does “${cause.text}” happen?`, button: 'Add the deeper cause' }))),
          this.changeTools(cause, { noun: 'cause', extra: merge }),
          traceDetails(state, 'cause', cause.id))),
      children.length
        ? h('ul', { className: 'cb-tree', attrs: { 'aria-label': `Deeper causes of “${cause.text}”` } }, children.map((c) => this.#cause(state, c, depth + 1)))
        : null)
  }

  #choose (state, themes, causes) {
    if (!causes.length) return null
    const chosenKey = JSON.stringify(causes.filter((c) => c.chosen).map((c) => c.id))
    // A choice saved elsewhere (or undone) shows as saved; unsaved ticks stay.
    const keep = chosenKey === this.chosenKey ? 'yes' : 'no'
    this.chosenKey = chosenKey
    const boxes = (theme, parentId, depth) => causesUnder(state, theme.id, parentId).flatMap((c) => [
      h('div', { className: 'cb-choice cb-choice--checkbox cb-choose__item', dataset: { depth: String(Math.min(depth, 4)) } },
        h('input', { className: 'cb-choice__input', type: 'checkbox', id: `choose-${c.id}`, value: c.id, checked: c.chosen, dataset: { keep, key: `choose-${c.id}` } }),
        h('label', { className: 'cb-choice__label', htmlFor: `choose-${c.id}` },
          h('span', { className: 'cb-choice__title', text: c.text }),
          depth > 1 ? h('span', { className: 'cb-choice__hint', text: `Answers “why?” to: ${state.causes.find((p) => p.id === c.parent_id)?.text ?? ''}` }) : null)),
      ...boxes(theme, c.id, depth + 1)
    ])
    const chosen = causes.filter((c) => c.chosen).length
    return h('form', { className: 'cb-choose', dataset: { form: 'choose' }, noValidate: true },
      h('fieldset', { className: 'cb-fieldset' },
        h('legend', { className: 'cb-choose__legend', text: 'Choose the root causes to work on' }),
        h('p', { className: 'cb-hint', text: `Tick the causes the room will say what success looks like for. ${chosen ? `${plural(chosen, 'cause is', 'causes are')} chosen now.` : 'None chosen yet.'}` }),
        themes.map((theme) => {
          const list = boxes(theme, null, 1)
          return list.length ? h('div', { className: 'cb-choose__theme' }, h('p', { className: 'cb-label', text: theme.title }), list) : null
        })),
      h('button', { type: 'submit', className: 'cb-button', dataset: { key: 'choose-save' }, text: 'Save the chosen root causes' }))
  }

  async act (act, id) {
    if (await this.commonAct(act, id)) return
    if (act === 'vote') {
      const themes = carriedThemes(this.state).map((t) => t.id)
      this.onVote((this.state.causes ?? []).filter((c) => themes.includes(c.theme_id)).map((c) => c.id))
    }
  }

  async submit (form, id, $form) {
    if (await this.commonSubmit(form, id, $form)) return
    if (form === 'add-cause') {
      const text = this.words($form, 'text', 'Type the cause first.')
      if (!text) return
      const $input = $form.querySelector('input[name="text"]')
      const parentId = $input.id.startsWith('cause-under-') ? $input.id.slice('cause-under-'.length) : null
      const fieldId = $input.id
      const ok = await this.send({ type: 'add_cause', theme_id: id, ...(parentId ? { parent_id: parentId } : {}), text },
        parentId ? 'Deeper cause added.' : 'Cause added.')
      if (ok) this.clearField(fieldId)
    }
    if (form === 'merge') {
      const into = $form.querySelector('select[name="into"]').value
      if (!into) {
        this.showError('Choose the cause to merge it into.')
        this.announce('Choose the cause to merge it into.')
        return
      }
      await this.send({ type: 'merge_causes', cause_id: id, into_id: into }, 'Causes merged. You can undo this from “Recent changes you can undo”.')
    }
    if (form === 'choose') {
      const ids = [...$form.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
      await this.send({ type: 'choose_causes', cause_ids: ids },
        ids.length ? `${plural(ids.length, 'root cause')} chosen.` : 'No root causes chosen.')
    }
  }
}

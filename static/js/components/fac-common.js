// What the facilitator's second-day panels share: a panel that rebuilds
// only when its part of the board changed (keeping focus, open disclosures
// and typed words), sends commands and shows refusals by the panel, and
// the "Change or remove" tools for a cause, success statement or idea.
//
// Controls carry `data-act` (buttons) or `data-form` (forms) and the item's
// id in `data-id`; one listener per panel handles them, so no control needs
// a pointer: everything works by keyboard.

import { h, rebuild, replaceChildren } from '../dom.js'

export class FacPanel {
  /**
   * @param {HTMLElement} $root  an empty element the panel fills
   * @param {object} options
   * @param {import('../connection.js').Connection} options.connection
   * @param {(message: string) => void} options.announce
   */
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.key = null
    this.state = null
    this.confirming = null // the id of an item whose delete is being confirmed
    this.$error = h('p', { className: 'cb-error-message js-panel-error', hidden: true })
    this.$body = h('div', { className: 'cb-fac-panel__body' })
    replaceChildren($root, this.$error, this.$body)
    $root.addEventListener('click', (e) => {
      const $button = e.target.closest('[data-act]')
      if (!$button || !$root.contains($button)) return
      e.preventDefault()
      this.act($button.dataset.act, $button.dataset.id ?? null, $button)
    })
    $root.addEventListener('submit', (e) => {
      const $form = e.target.closest('[data-form]')
      if (!$form) return
      e.preventDefault()
      this.submit($form.dataset.form, $form.dataset.id ?? null, $form)
    })
  }

  /** What this panel shows; it rebuilds only when this changes. */
  keyOf (state) {
    return JSON.stringify(state)
  }

  render (state, { force = false } = {}) {
    this.state = state
    const key = this.keyOf(state) + `|${this.confirming}`
    if (!force && key === this.key) return
    this.key = key
    rebuild(this.$body, () => this.build(state))
  }

  refresh () {
    if (this.state) this.render(this.state, { force: true })
  }

  build () {
    return null
  }

  act () {}
  submit () {}

  showError (message) {
    this.$error.textContent = message
    this.$error.hidden = false
  }

  clearError () {
    this.$error.hidden = true
    this.$error.textContent = ''
  }

  /** Send a command; say `done` when it is accepted. Resolves true or false. */
  async send (command, done) {
    this.clearError()
    try {
      await this.connection.send(command)
      if (done) this.announce(done)
      return true
    } catch (err) {
      // The connection announces the refusal; this keeps it by the panel.
      this.showError(err?.message ?? 'That did not work.')
      return false
    }
  }

  /** The typed words in a form's text field, trimmed; shows an error when empty. */
  words ($form, name, problem) {
    const $input = $form.querySelector(`[name="${name}"]`)
    const text = ($input?.value ?? '').trim()
    if (!text) {
      this.showError(problem)
      this.announce(problem)
      $input?.focus()
      return null
    }
    return text
  }

  /** Empty a field after it was sent (the form may have been rebuilt meanwhile). */
  clearField (id) {
    const $input = this.$root.querySelector(`#${CSS.escape(id)}`)
    if ($input) {
      $input.value = ''
      $input.focus()
    }
  }

  // ---- reword, delete ------------------------------------------------------------

  /**
   * "Change or remove" for one item: new words, optional extra controls
   * (a merge), and delete with a confirm step.
   */
  changeTools (item, { noun, extra = null }) {
    const rewordId = `reword-${item.id}`
    const confirming = this.confirming === item.id
    return h('details', { className: 'cb-item-tools', dataset: { key: `change-${item.id}` } },
      h('summary', { className: 'cb-item-tools__summary', dataset: { key: `change-${item.id}-summary` } },
        'Change or remove', h('span', { className: 'cb-visually-hidden', text: ` this ${noun}` })),
      h('div', { className: 'cb-item-tools__body' },
        h('form', { className: 'cb-inline-form', dataset: { form: 'reword', id: item.id }, noValidate: true },
          h('label', { className: 'cb-label', htmlFor: rewordId, text: 'New words' }),
          h('div', { className: 'cb-inline-form__row' },
            h('input', { className: 'cb-input', id: rewordId, name: 'text', type: 'text', maxLength: 600, value: item.text, dataset: { key: rewordId } }),
            h('button', { type: 'submit', className: 'cb-button cb-button--secondary', dataset: { key: `${rewordId}-save` }, text: 'Save the new words' }))),
        extra,
        confirming
          ? h('div', { className: 'cb-confirm cb-confirm--small', attrs: { role: 'group', 'aria-label': `Delete this ${noun}?` } },
            h('p', { className: 'cb-confirm__question', text: `Delete the ${noun} “${item.text}”?` }),
            h('p', { className: 'cb-hint', text: 'You can undo this from “Recent changes you can undo”.' }),
            h('div', { className: 'cb-button-group' },
              h('button', { type: 'button', className: 'cb-button cb-button--warning', dataset: { act: 'delete', id: item.id, key: `delete-yes-${item.id}` }, text: 'Yes, delete it' }),
              h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { act: 'keep', id: item.id, key: `delete-no-${item.id}` }, text: 'Keep it' })))
          : h('div', { className: 'cb-button-group' },
            h('button', { type: 'button', className: 'cb-button cb-button--warning', dataset: { act: 'ask-delete', id: item.id, key: `delete-${item.id}` }, text: `Delete this ${noun}…` }))))
  }

  /** Handles the acts every panel's items share. Returns true if it did. */
  async commonAct (act, id) {
    if (act === 'ask-delete') {
      this.confirming = id
      this.refresh()
      this.$root.querySelector(`[data-key="delete-yes-${CSS.escape(id)}"]`)?.focus()
      return true
    }
    if (act === 'keep') {
      this.confirming = null
      this.refresh()
      this.$root.querySelector(`[data-key="delete-${CSS.escape(id)}"]`)?.focus()
      return true
    }
    if (act === 'delete') {
      const ok = await this.send({ type: 'delete_item', item_id: id }, 'Deleted.')
      if (ok) this.confirming = null
      this.refresh()
      return true
    }
    return false
  }

  async commonSubmit (form, id, $form) {
    if (form !== 'reword') return false
    const text = this.words($form, 'text', 'Type the new words first.')
    if (text) await this.send({ type: 'edit_text', item_id: id, text }, 'Saved the new words.')
    return true
  }
}

/** A one-line add form: label, text field, button. */
export function addForm ({ form, id, dataId, label, button, hint = null }) {
  return h('form', { className: 'cb-inline-form cb-add-form', dataset: { form, id: dataId ?? '' }, noValidate: true },
    h('label', { className: 'cb-label', htmlFor: id, text: label }),
    hint ? h('p', { className: 'cb-hint', id: `${id}-hint`, text: hint }) : null,
    h('div', { className: 'cb-inline-form__row' },
      h('input', { className: 'cb-input', id, name: 'text', type: 'text', maxLength: 600, autocomplete: 'off', dataset: { key: id }, attrs: hint ? { 'aria-describedby': `${id}-hint` } : {} }),
      h('button', { type: 'submit', className: 'cb-button', dataset: { key: `${id}-button` }, text: button })))
}

/** The themes the room carried forward, in order. */
export function carriedThemes (state) {
  return (state.carried ?? []).map((id) => (state.themes ?? []).find((t) => t.id === id)).filter(Boolean)
}

/** Causes of a theme under `parentId` (null: the first "why?"). */
export function causesUnder (state, themeId, parentId) {
  return (state.causes ?? []).filter((c) => c.theme_id === themeId && (c.parent_id ?? null) === parentId)
}

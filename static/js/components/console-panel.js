// What the facilitator's panels for the second day share: a panel that
// draws its part of the board (lit keeps focus, open folds and typed words
// across redraws), sends commands and shows a refusal by the panel, one-line
// add forms, and "Change or remove" for a cause, success statement or idea.
// Everything works by keyboard; nothing needs a pointer.
//
// A panel extends ConsolePanel and implements `template(state)`.

import { html, live, nothing, render } from '../lit.js'
import { VoteStrip } from './vote-console.js'

export class ConsolePanel {
  /**
   * @param {HTMLElement} $root  an empty element the panel fills
   * @param {object} options  connection, announce (and what the panel needs)
   */
  constructor ($root, { connection, announce, dialog }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.dialog = dialog // ConfirmDialog
    this.state = null
    this.error = null
  }

  /** A panel with nothing to focus in it names itself here, so it can be scrolled from the keyboard. */
  get readingLabel () {
    return null
  }

  render (state) {
    this.state = state
    const label = this.readingLabel
    render(html`<p class="cb-error-message js-panel-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <div class="cb-fac-panel__body" tabindex=${label ? '0' : nothing} role=${label ? 'region' : nothing}
        aria-label=${label ?? nothing}>${this.template(state)}</div>`, this.$root)
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  template () {
    return nothing
  }

  showError (message) {
    this.error = message
    this.refresh()
  }

  /** Send a command; say `done` when it is accepted. Resolves true or false. */
  async send (command, done) {
    this.error = null
    try {
      await this.connection.send(command)
      if (done) this.announce(done)
      this.refresh()
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

  /** Empty a field after it was sent, and put the cursor back in it. */
  clearField (id) {
    const $input = this.$root.querySelector(`#${CSS.escape(id)}`)
    if ($input) {
      $input.value = ''
      $input.focus()
    }
  }

  /** A form that calls `handler(event, $form)` on submit, without the page reloading. */
  onSubmit (handler) {
    return (event) => {
      event.preventDefault()
      handler(event.currentTarget)
    }
  }

  /**
   * Checkboxes that show what is saved: `ticks(key, saved)` gives the ticks
   * to draw, filled afresh from `saved` whenever the saved choice changes
   * (here or on another screen), and otherwise as the facilitator left them.
   */
  ticks (name, saved) {
    this.choices ??= new Map()
    const key = JSON.stringify([...saved].sort())
    const held = this.choices.get(name)
    if (!held || held.key !== key) this.choices.set(name, { key, ticked: new Set(saved) })
    return this.choices.get(name).ticked
  }

  /** One checkbox of a `ticks` set. */
  tickBox (ticked, id, value, extra = {}) {
    const change = (event) => {
      if (event.currentTarget.checked) ticked.add(value)
      else ticked.delete(value)
    }
    return html`<input class="cb-choice__input" type="checkbox" id=${id} value=${value} name=${extra.name ?? nothing}
      .checked=${live(ticked.has(value))} @change=${change}>`
  }

  // ---- reword, delete ------------------------------------------------------------

  /**
   * "Change or remove" for one item: new words, optional extra controls
   * (a merge), and delete after a confirmation.
   */
  changeTools (item, { noun, extra = nothing }) {
    const rewordId = `reword-${item.id}`
    const reword = this.onSubmit(async ($form) => {
      const text = this.words($form, 'text', 'Type the new words first.')
      if (text) await this.send({ type: 'edit_text', item_id: item.id, text }, 'Saved the new words.')
    })
    const remove = async () => {
      const yes = await this.dialog.ask({
        title: `Delete this ${noun}?`,
        body: html`<p>“${item.text}”</p><p>You can undo this from “Undo” at the top.</p>`,
        yes: 'Yes, delete it',
        no: 'Keep it',
        danger: true
      })
      if (yes) await this.send({ type: 'delete_item', item_id: item.id }, 'Deleted.')
    }
    return html`<details class="cb-item-tools">
      <summary class="cb-item-tools__summary">Change or remove<span class="cb-visually-hidden"> this ${noun}</span></summary>
      <div class="cb-item-tools__body">
        <form class="cb-inline-form" data-form="reword" novalidate @submit=${reword}>
          <label class="cb-label" for=${rewordId}>New words</label>
          <div class="cb-inline-form__row">
            <input class="cb-input" id=${rewordId} name="text" type="text" maxlength="600" .value=${item.text}>
            <button type="submit" class="cb-button cb-button--secondary">Save the new words</button>
          </div>
        </form>
        ${extra}
        <div class="cb-button-group"><button type="button" class="cb-button cb-button--warning"
          aria-haspopup="dialog" @click=${remove}>Delete this ${noun}…</button></div>
      </div>
    </details>`
  }
}

/** A one-line add form: label, text field, button; `onAdd($form)` on submit. */
export function addForm ({ form, id, label, button, hint = null, onAdd }) {
  const submit = (event) => {
    event.preventDefault()
    onAdd(event.currentTarget)
  }
  return html`<form class="cb-inline-form cb-add-form" data-form=${form} novalidate @submit=${submit}>
    <label class="cb-label" for=${id}>${label}</label>
    ${hint ? html`<p class="cb-hint" id="${id}-hint">${hint}</p>` : nothing}
    <div class="cb-inline-form__row">
      <input class="cb-input" id=${id} name="text" type="text" maxlength="600" autocomplete="off"
        aria-describedby=${hint ? `${id}-hint` : nothing}>
      <button type="submit" class="cb-button">${button}</button>
    </div>
  </form>`
}

/** The themes the room carried forward, in order. */
export function carriedThemes (state) {
  return (state.carried ?? []).map((id) => (state.themes ?? []).find((t) => t.id === id)).filter(Boolean)
}

/** Causes of a theme under `parentId` (null: the first "why?"). */
export function causesUnder (state, themeId, parentId) {
  return (state.causes ?? []).filter((c) => c.theme_id === themeId && (c.parent_id ?? null) === parentId)
}

/**
 * A stage's view of the console made of panels, side by side, each in a
 * region of its own that scrolls inside itself: consoleView({ Panel, id,
 * title, hook }, …) is the view's class. A vote that needs the facilitator
 * shows as a line above them.
 */
export function consoleView (...sections) {
  return class {
    constructor ($root, context) {
      this.strip = new VoteStrip(context)
      render(html`<div class="cb-stage-layout cb-stage-layout--panels" data-panels=${sections.length}>
        <div class="cb-stage-layout__strip js-strip"></div>
        ${sections.map((s) => html`<section class="cb-region cb-region--panel cb-stage-panel" aria-labelledby="${s.id}-heading">
          <h2 id="${s.id}-heading">${s.title}</h2>
          <div class="cb-region__body ${s.hook}"></div>
        </section>`)}
      </div>`, $root)
      this.$strip = $root.querySelector('.js-strip')
      this.panels = sections.map((s) => new s.Panel($root.querySelector(`.${s.hook}`), context))
    }

    render (state) {
      render(this.strip.template(state), this.$strip)
      for (const panel of this.panels) panel.render(state)
    }
  }
}

/**
 * A panel's body in two or three parts side by side, each scrolling on its
 * own. A part with nothing to focus in it is given as {label, content}: it
 * can then be scrolled from the keyboard.
 */
export function split (...parts) {
  return html`<div class="cb-split" data-parts=${parts.length}>${parts.map((part) => part?.label
    ? html`<div class="cb-split__part cb-scroll" tabindex="0" role="region" aria-label=${part.label}>${part.content}</div>`
    : html`<div class="cb-split__part cb-scroll">${part}</div>`)}</div>`
}

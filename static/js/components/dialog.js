// A confirmation as a modal <dialog>: in the middle of the viewport, with
// focus moved into it and back where it was afterwards; Escape (or "Cancel")
// says no. One per page is enough: it is redrawn for each question.
//
//   const dialog = new ConfirmDialog(document.querySelector('.js-confirm'))
//   if (await dialog.ask({ title: 'Move everyone on to Theme?', body: '…',
//                          yes: 'Yes, move on to Theme', no: 'Cancel' })) …

import { html, nothing, render } from '../lit.js'

/**
 * What every modal <dialog> of the console shares: focus goes back to what
 * opened it, or (`lostOpener`) somewhere sensible when that has gone.
 */
export class ModalDialog {
  constructor ($dialog) {
    if (!($dialog instanceof HTMLDialogElement)) throw new Error(`${this.constructor.name} needs a <dialog> element`)
    this.$dialog = $dialog
    this.$opener = null
    this.lostOpener = () => {}
    $dialog.addEventListener('close', () => {
      const $opener = this.$opener
      this.$opener = null
      this.closed()
      if ($opener?.isConnected) $opener.focus()
      else this.lostOpener()
    })
  }

  get open () {
    return this.$dialog.open
  }

  /** Open it (modal) and focus `focus` (a selector) inside it. */
  show (focus) {
    this.$opener ??= document.activeElement
    if (!this.$dialog.open) this.$dialog.showModal()
    if (focus) this.$dialog.querySelector(focus)?.focus()
  }

  close () {
    if (this.$dialog.open) this.$dialog.close()
  }

  /** Called as it closes, before focus moves back. */
  closed () {}
}

export class ConfirmDialog extends ModalDialog {
  /** @param {HTMLDialogElement} $dialog  an empty <dialog> element */
  constructor ($dialog) {
    super($dialog)
    this.resolve = null
  }

  /**
   * Ask; resolves true for yes, false for no, Escape or another question.
   * @param {object} question  title, body (text or a lit template), yes, no,
   *   danger (the yes button warns), yesClass and noClass (extra js- hooks)
   */
  ask ({ title, body = nothing, yes = 'Yes', no = 'Cancel', danger = false, yesClass = '', noClass = '' }) {
    this.resolve?.(false)
    this.resolve = null
    this.$dialog.setAttribute('aria-labelledby', 'cb-dialog-title')
    this.$dialog.setAttribute('aria-describedby', 'cb-dialog-body')
    render(html`<form method="dialog" class="cb-dialog__form">
        <h2 class="cb-dialog__title" id="cb-dialog-title">${title}</h2>
        <div class="cb-dialog__body" id="cb-dialog-body">${typeof body === 'string' ? html`<p>${body}</p>` : body}</div>
        <div class="cb-button-group cb-dialog__buttons">
          <button type="submit" value="yes" class="cb-button ${danger ? 'cb-button--warning' : ''} ${yesClass}" autofocus>${yes}</button>
          <button type="submit" value="no" class="cb-button cb-button--secondary ${noClass}">${no}</button>
        </div>
      </form>`, this.$dialog)
    this.$dialog.returnValue = ''
    this.show('[autofocus]')
    return new Promise((resolve) => { this.resolve = resolve })
  }

  /** Close without an answer (the question no longer applies). */
  cancel () {
    if (this.$dialog.open) this.$dialog.close('no')
  }

  closed () {
    const resolve = this.resolve
    this.resolve = null
    resolve?.(this.$dialog.returnValue === 'yes')
  }
}

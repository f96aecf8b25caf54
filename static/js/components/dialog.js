// A confirmation as a modal <dialog>: in the middle of the viewport, with
// focus moved into it and back where it was afterwards; Escape (or "Cancel")
// says no. One per page is enough: it is redrawn for each question.
//
//   const dialog = new ConfirmDialog(document.querySelector('.js-confirm'))
//   if (await dialog.ask({ title: 'Move everyone on to Theme?', body: '…',
//                          yes: 'Yes, move on to Theme', no: 'Cancel' })) …

import { html, nothing, render } from '../lit.js'

export class ConfirmDialog {
  /** @param {HTMLDialogElement} $dialog  an empty <dialog> element */
  constructor ($dialog) {
    if (!($dialog instanceof HTMLDialogElement)) throw new Error('ConfirmDialog needs a <dialog> element')
    this.$dialog = $dialog
    this.resolve = null
    this.$opener = null
    $dialog.addEventListener('close', () => this.#closed())
  }

  get open () {
    return this.$dialog.open
  }

  /**
   * Ask; resolves true for yes, false for no, Escape or another question.
   * @param {object} question  title, body (text or a lit template), yes, no,
   *   danger (the yes button warns), yesClass (extra js- hook on the yes button)
   */
  ask ({ title, body = nothing, yes = 'Yes', no = 'Cancel', danger = false, yesClass = '', noClass = '' }) {
    this.resolve?.(false)
    this.$opener = document.activeElement
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
    if (!this.$dialog.open) this.$dialog.showModal()
    this.$dialog.querySelector('[autofocus]')?.focus()
    return new Promise((resolve) => { this.resolve = resolve })
  }

  /** Close without an answer (the question no longer applies). */
  cancel () {
    if (this.$dialog.open) this.$dialog.close('no')
  }

  #closed () {
    const answer = this.$dialog.returnValue === 'yes'
    const resolve = this.resolve
    this.resolve = null
    if (this.$opener?.isConnected) this.$opener.focus()
    this.$opener = null
    resolve?.(answer)
  }
}

// "New link for this person", on the console's list of people: a new rejoin
// code (and its QR code) for someone with a new phone, a lost one, or none
// yet. Every device signed in as them is signed out at once, and their old
// code stops working. The code is shown once, here, and never on the wall.

import { newPersonLink } from '../api.js'
import { html, nothing, render } from '../lit.js'
import { personLabel } from '../words.js'
import { ModalDialog } from './dialog.js'

export class PersonLink extends ModalDialog {
  /**
   * @param {HTMLDialogElement} $dialog  an empty <dialog> the code is shown in
   * @param {object} context  boardId, token, dialog (ConfirmDialog), announce
   */
  constructor ($dialog, { boardId, token, dialog, announce }) {
    super($dialog)
    this.boardId = boardId
    this.token = token
    this.confirm = dialog
    this.announce = announce
    $dialog.setAttribute('aria-labelledby', 'person-link-heading')
  }

  /** Ask, then make the code and show it. Resolves with an error message, or null. */
  async offer (person) {
    const name = person.name || 'this person'
    const yes = await this.confirm.ask(person.no_device
      ? {
          title: `A code for ${name} to use a phone or tablet?`,
          body: `With it, ${name} signs in on a phone or tablet as themselves: everything you recorded for them stays theirs. Any code made for them before stops working. The code shows on this screen: check it is not on the projector.`,
          yes: 'Make the code'
        }
      : {
          title: `A new link for ${name}?`,
          body: `For someone with a new phone, a lost one, or a borrowed tablet. Any phone or tablet signed in as ${name} is signed out at once, and their old rejoin code stops working. Their dots and answers stay theirs. The new code shows on this screen: check it is not on the projector.`,
          yes: 'Make a new link',
          danger: true
        })
    if (!yes) return null
    let made
    try {
      made = await newPersonLink(this.boardId, this.token, person.id)
    } catch (err) {
      return err.message
    }
    this.#draw(person, made.rejoin)
    this.announce(`New rejoin code made for ${name}.`)
    this.show('.js-person-link-done')
    return null
  }

  #draw (person, rejoin) {
    render(html`<div class="cb-person-link js-person-link">
      <h2 class="cb-dialog__title" id="person-link-heading">Rejoin code for ${personLabel(person)}</h2>
      <p class="cb-rejoin-code js-person-code">${rejoin.spaced}</p>
      <img class="cb-rejoin-qr" src=${rejoin.qr} width="200" height="200" alt="QR code that signs ${person.name || 'them'} in on their own device">
      <p>On their phone or tablet: open the workshop (the code on the big screen), choose “I have joined before”
        and type this code. Or scan this square with it.</p>
      <p class="cb-hint">Give it to ${person.name || 'them'} only: anyone who has it can vote as them.
        It is not shown again; if it is lost, make a new one.</p>
      <div class="cb-button-group cb-dialog__buttons">
        <button type="button" class="cb-button js-person-link-done" @click=${() => this.close()}>Done</button>
      </div>
    </div>`, this.$dialog)
  }

  closed () {
    render(nothing, this.$dialog) // the code is not kept on the page
  }
}

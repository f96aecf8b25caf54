// The console's tools (timer, people, undo, invite, links, data, the vote):
// each a modal <dialog> opened from the top bar, so what is needed now and
// then never takes room from the stage's work. Focus goes into the dialog
// and back to the button that opened it; Escape or "Close" closes it.

export class Tools {
  /** @param {ParentNode} $page  where the `.js-tool[data-tool]` dialogs are */
  constructor ($page = document) {
    this.dialogs = new Map([...$page.querySelectorAll('dialog.js-tool')].map(($d) => [$d.dataset.tool, $d]))
    this.openers = new Map()
    for (const [name, $dialog] of this.dialogs) {
      $dialog.querySelector('.js-tool-close')?.addEventListener('click', () => $dialog.close())
      $dialog.addEventListener('close', () => {
        const $opener = this.openers.get(name)
        this.openers.delete(name)
        if ($opener?.isConnected) $opener.focus()
      })
    }
  }

  dialog (name) {
    const $dialog = this.dialogs.get(name)
    if (!$dialog) throw new Error(`No tool called ${name}`)
    return $dialog
  }

  open (name, { focus = null } = {}) {
    const $dialog = this.dialog(name)
    if (!$dialog.open) {
      this.openers.set(name, document.activeElement)
      $dialog.showModal()
    }
    const $first = (focus && $dialog.querySelector(focus)) ??
      $dialog.querySelector('[autofocus], .cb-tool__body button, section button, section input, section a, .js-tool-close')
    $first?.focus()
    return $dialog
  }

  close (name) {
    const $dialog = this.dialog(name)
    if ($dialog.open) $dialog.close()
  }

  isOpen (name) {
    return this.dialog(name).open
  }
}

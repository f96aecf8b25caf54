// A statement card in the facilitator's tray: compact (the words, the review
// code, a drag handle), chosen by click, Shift-click or Space. It is an
// option of a multi-select listbox, so a screen reader says "selected";
// a tick says it too, so nothing hangs on colour.

import { html, nothing } from '../lit.js'

export class Card {
  /**
   * @param {object} options
   *   flags: MovingFlags (who else is moving which card)
   *   themeTitle(id): the title of a theme, for cards shown with theirs
   */
  constructor ({ flags, themeTitle = () => '' }) {
    this.flags = flags
    this.themeTitle = themeTitle
  }

  /**
   * @param {object} card  the statement
   * @param {object} view  selected, focused (the one in the tab order), withTheme (say its theme)
   */
  template (card, { selected = false, focused = false, withTheme = false } = {}) {
    const moving = this.flags.has(card.id)
    const theme = withTheme && card.theme_id ? this.themeTitle(card.theme_id) : ''
    return html`<li class="cb-tcard js-card ${selected ? 'cb-tcard--selected' : ''} ${card.hidden ? 'cb-tcard--hidden' : ''} ${moving ? 'cb-tcard--moving' : ''}"
        role="option" id="tcard-${card.id}" data-id=${card.id} aria-selected=${String(selected)} tabindex=${focused ? '0' : '-1'}
        draggable="true">
      <span class="cb-tcard__handle" aria-hidden="true">${selected ? '✓' : '⠿'}</span>
      <span class="cb-tcard__body">
        <span class="cb-tcard__text">${card.text}</span>
        <span class="cb-tcard__meta">${card.review ?? ''}${card.source === 'participant' ? ' · written on a phone' : ''}${theme
          ? html` · <span class="cb-tcard__theme">in “${theme}”</span>` : nothing}${card.hidden
          ? html` <span class="cb-tag">Hidden</span>` : nothing}<span class="cb-tag cb-tag--moving js-moving" ?hidden=${!moving}>Being moved…</span></span>
      </span>
    </li>`
  }
}

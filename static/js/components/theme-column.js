// A theme as the facilitator sees it while theming: its title, I statement
// and card count; a place to drop cards; "Move here" for the cards chosen
// in the tray, "Show its cards", and "Change…" (rename, merge, delete).

import { plural } from '../dom.js'
import { html, nothing } from '../lit.js'

export class ThemeColumn {
  /**
   * @param {object} actions  moveHere(theme), show(theme), change(theme)
   */
  constructor ({ moveHere, show, change }) {
    this.moveHere = moveHere
    this.show = show
    this.change = change
  }

  /**
   * @param {object} theme
   * @param {object} view  count (its cards), chosen (cards chosen in the tray), showing (its cards are in the tray)
   */
  template (theme, { count, chosen = 0, showing = false }) {
    const headingId = `theme-${theme.id}-title`
    return html`<li class="cb-theme-tile js-drop ${showing ? 'cb-theme-tile--showing' : ''}" data-theme=${theme.id}
        aria-labelledby=${headingId}>
      <h3 class="cb-theme-tile__title cb-column__title" id=${headingId}><span>${theme.title}</span><span
        class="cb-theme-tile__count cb-column__count"> (${plural(count, 'card')})</span></h3>
      ${theme.i_statement ? html`<p class="cb-theme-tile__i cb-column__i-statement">“${theme.i_statement}”</p>` : nothing}
      <div class="cb-theme-tile__actions">
        ${chosen
          ? html`<button type="button" class="cb-button cb-button--small js-move-here"
              @click=${() => this.moveHere(theme)}>Move ${chosen} here<span class="cb-visually-hidden">: to “${theme.title}”</span></button>`
          : nothing}
        <button type="button" class="cb-button cb-button--secondary cb-button--small" aria-pressed=${String(showing)}
          @click=${() => this.show(theme)}>Its cards<span class="cb-visually-hidden">: “${theme.title}”</span></button>
        <button type="button" class="cb-button cb-button--secondary cb-button--small" aria-haspopup="dialog"
          @click=${(e) => this.change(theme, e.currentTarget)}>Change…<span class="cb-visually-hidden"> “${theme.title}”</span></button>
      </div>
    </li>`
  }
}

// Checkboxes to choose things by: statements (in a fold per question),
// themes (grouped by question) or root causes and ideas. What is ticked is
// kept here, so a redraw as the board changes never unticks anything; ids
// that leave the board leave the choice.
//
//   const picker = new CheckboxPicker($root, { idPrefix: 'pick', onChange: (ids) => … })
//   picker.render({ groups: [{ key, title, items: [{ id, title, hint }] }], … })

import { html, live, nothing, render, repeat } from '../lit.js'

export class CheckboxPicker {
  /**
   * @param {HTMLElement} $root  an element the picker fills
   * @param {object} options
   * @param {string} options.idPrefix  each box's id is `${idPrefix}-${item id}`
   * @param {(ids: string[]) => void} [options.onChange]
   * @param {string} [options.titleClass]  the class of each item's words
   * @param {string} [options.itemClass]  an extra class on each item
   */
  constructor ($root, { idPrefix, onChange = () => {}, titleClass = 'cb-choice__title', itemClass = '' }) {
    this.$root = $root
    this.idPrefix = idPrefix
    this.onChange = onChange
    this.titleClass = titleClass
    this.itemClass = itemClass
    this.ticked = new Set()
    this.order = [] // every item id shown, in order
    this.opened = new Map() // group key -> open (collapsible groups)
    this.options = null
  }

  /** The ticked ids, in the order they are shown. */
  chosen () {
    return this.order.filter((id) => this.ticked.has(id))
  }

  clear () {
    this.tick([])
  }

  /** Tick exactly these ids. */
  tick (ids) {
    this.ticked = new Set(ids)
    this.#redraw()
    this.onChange(this.chosen())
  }

  /**
   * @param {object} options
   * @param {object[]} options.groups  [{key, title, className, count, open, items: [{id, title, hint}]}]
   * @param {boolean} [options.collapsible]  each group in its own fold (no fieldset)
   * @param {string} [options.legend]  the fieldset's legend (not collapsible)
   * @param {string} [options.intro]  a hint under the legend
   * @param {string} [options.empty]  shown when there is nothing to choose
   */
  render (options) {
    this.options = options
    const groups = options.groups.filter((g) => g.items.length)
    this.order = groups.flatMap((g) => g.items.map((item) => item.id))
    const shown = new Set(this.order)
    for (const id of this.ticked) if (!shown.has(id)) this.ticked.delete(id)
    for (const g of groups) if (!this.opened.has(g.key)) this.opened.set(g.key, Boolean(g.open))
    render(this.#template(groups, options), this.$root)
  }

  #redraw () {
    if (this.options) this.render(this.options)
  }

  #template (groups, { collapsible = false, legend = '', intro = '', empty = '' }) {
    if (!groups.length) return empty ? html`<p class="cb-hint">${empty}</p>` : nothing
    if (collapsible) {
      return repeat(groups, (g) => g.key, (g) => html`<details class=${g.className ?? ''} data-category=${g.key}
          ?open=${this.opened.get(g.key)} @toggle=${(e) => this.opened.set(g.key, e.currentTarget.open)}>
        <summary class="cb-category__summary"><span class="cb-category__title">${g.title}</span><span
          class="cb-category__count"> (${g.count ?? g.items.length})</span></summary>
        <div class="cb-picker__list">${this.#items(g.items)}</div>
      </details>`)
    }
    return html`<fieldset class="cb-fieldset">
      <legend>${legend}</legend>
      ${intro ? html`<p class="cb-hint">${intro}</p>` : nothing}
      ${repeat(groups, (g) => g.key, (g) => g.title
        ? html`<div class="cb-theme-picker__group"><p class="cb-label">${g.title}</p>${this.#items(g.items)}</div>`
        : this.#items(g.items))}
    </fieldset>`
  }

  #items (items) {
    return repeat(items, (item) => item.id, (item) => {
      const id = `${this.idPrefix}-${item.id}`
      const change = (event) => {
        if (event.currentTarget.checked) this.ticked.add(item.id)
        else this.ticked.delete(item.id)
        this.onChange(this.chosen())
      }
      return html`<div class="cb-choice cb-choice--checkbox ${this.itemClass}">
        <input class="cb-choice__input" type="checkbox" id=${id} value=${item.id} .checked=${live(this.ticked.has(item.id))}
          @change=${change}>
        <label class="cb-choice__label" for=${id}><span class=${this.titleClass}>${item.title}</span>${item.hint
          ? html`<span class="cb-choice__hint">${item.hint}</span>` : nothing}</label>
      </div>`
    })
  }
}

// Statements grouped by category, each with a read-aloud button.
// Re-rendered only when the statements change, keeping which groups are open.

import { h, plural, replaceChildren } from './dom.js'
import { CATEGORIES } from './stages.js'

export class StatementList {
  constructor ($root, { readAloud = null, open = false } = {}) {
    this.$root = $root
    this.readAloud = readAloud
    this.open = open
    this.shownCount = -1
  }

  render (statements) {
    const key = `${statements.length}:${statements.filter((s) => s.hidden).length}`
    if (key === this.shownCount) return
    this.shownCount = key
    const wasOpen = new Set([...this.$root.querySelectorAll('details[open]')].map((d) => d.dataset.category))
    const sections = CATEGORIES.map((category) => {
      const mine = statements.filter((s) => s.category === category.value)
      if (mine.length === 0) return null
      const slug = category.value.replace(/\s+/g, '-')
      return h('details', {
        className: `cb-category cb-category--${slug} js-category`,
        dataset: { category: category.value },
        open: this.open || wasOpen.has(category.value)
      },
      h('summary', { className: 'cb-category__summary' },
        h('span', { className: 'cb-category__title', text: category.title }),
        h('span', { className: 'cb-category__count', text: ` (${plural(mine.length, 'statement')})` })),
      h('ul', { className: 'cb-statement-list' },
        mine.map((s) => h('li', { className: 'cb-statement', dataset: { id: s.id } },
          s.mine ? h('p', { className: 'cb-card__tags' }, h('span', { className: 'cb-tag', text: 'Yours' })) : null,
          h('p', { className: 'cb-statement__text js-statement-text', text: s.text }),
          s.mine && s.hidden ? h('p', { className: 'cb-card__note', text: 'Only the facilitator can see this for now.' }) : null,
          this.readAloud?.button(s.text)))))
    })
    replaceChildren(this.$root, sections)
  }
}

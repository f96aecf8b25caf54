// Bars per item, split by group, with the numbers in text. Each group has a
// pattern as well as a colour, and the text says it all again, so nothing
// depends on colour. Used by the facilitator console and the wall.

import { h, plural, replaceChildren } from './dom.js'
import { bandsFor, bandsInRound } from './stages.js'
import { hasResults, itemTotal, statementById } from './board-state.js'

export function legend (round) {
  return h('ul', { className: 'cb-legend', attrs: { 'aria-label': 'Key to the bars' } },
    bandsInRound(round).map((band) => h('li', { className: 'cb-legend__item' },
      h('span', { className: `cb-swatch cb-pattern--${band.pattern}`, attrs: { 'aria-hidden': 'true' } }),
      h('span', { text: band.label }))))
}

export class ResultsChart {
  /**
   * @param {HTMLElement} $root where the chart goes
   * @param {object} options  animate: grow the bars in; limit: show at most this many items
   */
  constructor ($root, { animate = false, limit = Infinity, headingLevel = 3 } = {}) {
    this.$root = $root
    this.animate = animate
    this.limit = limit
    this.headingLevel = headingLevel
    this.shownKey = null
  }

  render (state, round) {
    if (!hasResults(round)) {
      this.shownKey = null
      replaceChildren(this.$root)
      return
    }
    const rows = round.items.map((item) => {
      const total = itemTotal(round, item)
      return { item, text: statementById(state, item)?.text ?? item, total, bands: bandsFor(round, item, total) }
    })
    rows.sort((a, b) => b.total - a.total || round.items.indexOf(a.item) - round.items.indexOf(b.item))
    const most = Math.max(1, ...rows.map((r) => r.total))
    // Grow the bars only the first time this round's results appear.
    const key = `${round.id}:${round.status}:${Boolean(round.by_group)}`
    const grow = this.animate && this.shownKey !== key
    this.shownKey = key

    const $list = h('ol', { className: 'cb-results js-results-list' })
    for (const row of rows.slice(0, this.limit)) {
      const $bar = h('div', { className: 'cb-bar', attrs: { 'aria-hidden': 'true' } })
      const segments = []
      for (const band of row.bands) {
        if (!band.dots) continue
        const $seg = h('span', { className: `cb-bar__segment cb-pattern--${band.pattern}` })
        const width = `${(band.dots / most) * 100}%`
        $seg.style.width = grow ? '0%' : width
        segments.push([$seg, width])
        $bar.append($seg)
      }
      const parts = row.bands.filter((b) => b.dots && b.key !== 'all').map((b) => `${b.label} ${b.dots}`)
      $list.append(h('li', { className: 'cb-results__row', dataset: { item: row.item } },
        h('p', { className: 'cb-results__text', text: row.text }),
        h('p', { className: 'cb-results__total js-total' },
          h('strong', { text: plural(row.total, 'dot') }),
          parts.length ? `: ${parts.join(', ')}` : ''),
        $bar))
      if (grow) {
        requestAnimationFrame(() => requestAnimationFrame(() => {
          for (const [$seg, width] of segments) $seg.style.width = width
        }))
      }
    }
    const hidden = rows.length - Math.min(rows.length, this.limit)
    replaceChildren(this.$root, legend(round), $list,
      hidden > 0 ? h('p', { className: 'cb-results__more', text: `And ${plural(hidden, 'more item')} with fewer dots.` }) : null)
  }
}

// Bars per item, split by group, with the numbers in text. Each group has a
// pattern as well as a colour, and the text says it all again, so nothing
// depends on colour. Used by the facilitator console and the wall.

import { h, plural, replaceChildren } from './dom.js'
import { bandsFor, bandsInRound } from './stages.js'
import { hasResults, itemInfo, placeLabel, ranking } from './board-state.js'

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
    const rows = ranking(round).map((row) => ({
      ...row, info: itemInfo(state, row.item), bands: bandsFor(round, row.item, row.total)
    }))
    const most = Math.max(1, ...rows.map((r) => r.total))
    // Grow the bars only the first time this round's results appear.
    const key = `${round.id}:${round.status}:${Boolean(round.by_group)}`
    const grow = this.animate && this.shownKey !== key
    this.shownKey = key

    const $list = h('ol', { className: 'cb-results js-results-list', attrs: { role: 'list' } })
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
      const place = placeLabel(row)
      $list.append(h('li', { className: `cb-results__row${row.tied ? ' cb-results__row--tied' : ''}`, dataset: { item: row.item, place } },
        h('p', { className: 'cb-results__place js-place' },
          h('span', { className: 'cb-tag', text: place })),
        h('p', { className: 'cb-results__text', text: row.info.kind === 'theme' ? row.info.title : row.info.text }),
        row.info.kind === 'theme' && row.info.text
          ? h('p', { className: 'cb-results__i-statement', text: `“${row.info.text}”` })
          : null,
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

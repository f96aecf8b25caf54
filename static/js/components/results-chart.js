// Bars per item, split by group, with the numbers in text. Each group has a
// pattern as well as a colour, and the text says it all again, so nothing
// depends on colour. Used by the facilitator console, the phone and the wall.

import { hasResults, itemInfo, placeLabel, ranking } from '../board-state.js'
import { plural } from '../dom.js'
import { cssProps, html, nothing, render, repeat } from '../lit.js'
import { POOLED_KEY, POOLED_WHY, bandsFor, bandsInRound } from '../words.js'

export function legend (round) {
  const bands = bandsInRound(round)
  return html`<ul class="cb-legend" aria-label="Key to the bars">${bands.map((band) => html`<li
    class="cb-legend__item"><span class="cb-swatch cb-pattern--${band.pattern}" aria-hidden="true"></span><span>${band.label}</span></li>`)}</ul>
    ${bands.some((b) => b.key === POOLED_KEY) ? html`<p class="cb-results__why js-pooled-why">${POOLED_WHY}</p>` : nothing}`
}

export class ResultsChart {
  /**
   * @param {HTMLElement} $root where the chart goes
   * @param {object} options  animate: grow the bars in; limit: show at most this many items;
   *   paged: every item, marked for the wall's pager (components/wall-pager.js)
   */
  constructor ($root, { animate = false, limit = Infinity, paged = false } = {}) {
    this.$root = $root
    this.animate = animate
    this.limit = limit
    this.paged = paged
    this.grown = null // the results whose bars have grown to full width
  }

  render (state, round) {
    if (!hasResults(round)) {
      this.grown = null
      render(nothing, this.$root)
      return
    }
    // Grow the bars only the first time this round's results appear: draw
    // them empty, then at full width two frames later (a CSS transition).
    const key = `${round.id}:${round.status}:${Boolean(round.by_group)}`
    const grow = this.animate && this.grown !== key
    this.#draw(state, round, grow)
    if (grow) {
      this.grown = key
      requestAnimationFrame(() => requestAnimationFrame(() => this.#draw(state, round, false)))
    }
  }

  #draw (state, round, empty) {
    render(resultsTemplate(state, round, { limit: this.limit, empty, paged: this.paged }), this.$root)
  }
}

/** A round's results as bars, ranked (`empty`: bars at no width, to grow in; `paged`: for the wall's pager). */
export function resultsTemplate (state, round, { limit = Infinity, empty = false, paged = false } = {}) {
  if (!hasResults(round)) return nothing
  const rows = ranking(round).map((row) => ({
    ...row, info: itemInfo(state, row.item), bands: bandsFor(round, row.item, row.total)
  }))
  const most = Math.max(1, ...rows.map((r) => r.total))
  const shown = rows.slice(0, limit)
  const hidden = rows.length - shown.length
  return html`${legend(round)}
      <ol class="cb-results js-results-list" role="list" ?data-page-list=${paged}>${repeat(shown, (row) => row.item, (row) => {
        const parts = row.bands.filter((b) => b.dots && b.key !== 'all').map((b) => `${b.label} ${b.dots}`)
        const place = placeLabel(row)
        return html`<li class="cb-results__row ${row.tied ? 'cb-results__row--tied' : ''}" data-item=${row.item} data-place=${place}
          ?data-page-item=${paged} data-key=${row.item}>
          <p class="cb-results__place js-place"><span class="cb-tag">${place}</span></p>
          <p class="cb-results__text">${row.info.kind === 'theme' ? row.info.title : row.info.text}</p>
          ${row.info.kind === 'theme' && row.info.text ? html`<p class="cb-results__i-statement">“${row.info.text}”</p>` : nothing}
          <p class="cb-results__total js-total"><strong>${plural(row.total, 'dot')}</strong>${parts.length ? `: ${parts.join(', ')}` : ''}</p>
          <div class="cb-bar" aria-hidden="true">${row.bands.filter((band) => band.dots).map((band) => html`<span
            class="cb-bar__segment cb-pattern--${band.pattern}"
            ${cssProps({ width: empty ? '0%' : `${(band.dots / most) * 100}%` })}></span>`)}</div>
        </li>`
      })}</ol>
      ${hidden > 0 ? html`<p class="cb-results__more">And ${plural(hidden, 'more item')} with fewer dots.</p>` : nothing}`
}

/** "1st Appointments (12 dots), 2nd Feeling low (9 dots)…": a round's results in one line. */
export function resultsLine (state, round, top = 3) {
  const rows = ranking(round).slice(0, top).map((row) => {
    const info = itemInfo(state, row.item)
    return `${placeLabel(row)} ${info.kind === 'theme' ? info.title : info.text} (${plural(row.total, 'dot')})`
  })
  return rows.length ? `${rows.join(', ')}${round.items.length > top ? '…' : ''}` : 'No results shown yet.'
}

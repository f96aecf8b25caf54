// The investment grid on the wall: an inline SVG drawn at the size of its
// box (one SVG unit is one CSS pixel, so its text is as big as the page's),
// plus the same facts as text, grouped by quadrant, for screen readers and
// for anyone who cannot tell the markers apart.
//
// Nothing is told by colour alone: the quadrants carry their names, a final
// place is a filled square and the room's view a dashed circle, and the
// list beside says it all again.

import { h, replaceChildren } from '../../dom.js'
import { QUADRANTS } from '../../day-two-words.js'
import { placedRoom } from '../../report-words.js'

const NS = 'http://www.w3.org/2000/svg'

function svg (tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value))
  }
  if (text !== null) el.textContent = text
  return el
}

/** Where each shortlisted idea sits: its final place, else the room's median. */
export function gridPoints (state) {
  return (state.grid ?? []).map((row, i) => {
    const idea = (state.ideas ?? []).find((x) => x.id === row.idea_id)
    const where = row.placement ?? placedRoom(row.room)
    return {
      number: i + 1,
      id: row.idea_id,
      text: idea?.text ?? row.idea_id,
      placed: Boolean(row.placement),
      cost: where?.cost ?? null,
      benefit: where?.benefit ?? null,
      quadrant: where?.quadrant ?? null,
      raters: row.room?.raters ?? 0,
      hidden: Boolean(row.room?.hidden)
    }
  })
}

// 1–5 to a share of one axis. "Above 3 counts as high": 1–3 fill the low half
// and 3.5–5 the high half, so no marker ever sits on the dividing line.
function share (value) {
  const v = Math.min(5, Math.max(1, Number(value)))
  if (v <= 3) return 0.04 + ((v - 1) / 2) * 0.4
  return 0.56 + ((Math.max(v, 3.5) - 3.5) / 1.5) * 0.4
}

/** A small marker for the key: a filled square (placed) or a dashed circle (the room's view). */
export function markerIcon (placed, size = 36) {
  const $svg = svg('svg', { width: size, height: size, viewBox: '0 0 36 36', 'aria-hidden': 'true', focusable: 'false', class: 'cb-grid-icon' })
  $svg.append(placed
    ? svg('rect', { x: 3, y: 3, width: 30, height: 30, class: 'cb-grid__marker-shape cb-grid__marker-shape--placed' })
    : svg('circle', { cx: 18, cy: 18, r: 15, class: 'cb-grid__marker-shape cb-grid__marker-shape--room' }))
  return $svg
}

// Why the ideas without a place have none: the room's view is hidden, or too few rated.
function waitingWords (points) {
  if (points.some((p) => p.hidden)) return 'The room’s view shows when the facilitator shows it.'
  return 'The room’s view of an idea shows once 3 people have rated it.'
}

export class InvestGrid {
  /**
   * @param {HTMLElement} $chart  where the SVG goes (sized by CSS)
   * @param {HTMLElement} $list   where the list by quadrant goes
   */
  constructor ($chart, $list) {
    this.$chart = $chart
    this.$list = $list
    this.points = []
    // Drawn again whenever its box changes size; nothing is left listening once
    // the wall moves on and drops the chart.
    new ResizeObserver(() => this.#draw()).observe($chart)
  }

  render (state) {
    this.points = gridPoints(state)
    this.#draw()
    this.#list()
  }

  #draw () {
    const box = this.$chart.getBoundingClientRect()
    if (!box.width || !box.height) return
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 30
    const W = Math.floor(box.width)
    const H = Math.floor(box.height)
    const left = rem * 2
    const bottom = rem * 2
    const pad = rem * 0.3
    const x0 = left
    const y0 = pad
    const pw = W - left - pad
    const ph = H - bottom - pad
    const band = rem * 2.7 // room for a quadrant's name, kept clear of markers
    const r = rem * 0.95

    const placed = this.points.filter((p) => p.quadrant).length
    const $svg = svg('svg', {
      width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'cb-grid__svg js-grid-svg',
      'aria-labelledby': 'grid-svg-title'
    })
    $svg.append(svg('title', { id: 'grid-svg-title' },
      `Investment grid: ${placed} of ${this.points.length} shortlisted ideas shown by cost and benefit. The list beside it says where each one is.`))

    // Quadrants: top left is low cost and high benefit.
    const corners = {
      'quick win': { x: x0, y: y0, anchor: 'start', top: true },
      'major project': { x: x0 + pw / 2, y: y0, anchor: 'end', top: true },
      'fill-in': { x: x0, y: y0 + ph / 2, anchor: 'start', top: false },
      'thankless task': { x: x0 + pw / 2, y: y0 + ph / 2, anchor: 'end', top: false }
    }
    for (const q of QUADRANTS) {
      const c = corners[q.value]
      const slug = q.value.replace(/\s+/g, '-')
      $svg.append(svg('rect', { x: c.x, y: c.y, width: pw / 2, height: ph / 2, class: `cb-grid__quadrant cb-grid__quadrant--${slug}` }))
      const tx = c.anchor === 'start' ? c.x + rem * 0.4 : c.x + pw / 2 - rem * 0.4
      const nameY = c.top ? c.y + rem * 1.25 : c.y + ph / 2 - rem * 1.5
      $svg.append(svg('text', { x: tx, y: nameY, 'text-anchor': c.anchor, class: 'cb-grid__name js-quadrant-name' }, q.plural))
      $svg.append(svg('text', { x: tx, y: nameY + rem * 1.15, 'text-anchor': c.anchor, class: 'cb-grid__words' }, q.words))
    }
    // The dividing lines and the frame.
    $svg.append(svg('line', { x1: x0 + pw / 2, y1: y0, x2: x0 + pw / 2, y2: y0 + ph, class: 'cb-grid__divider' }))
    $svg.append(svg('line', { x1: x0, y1: y0 + ph / 2, x2: x0 + pw, y2: y0 + ph / 2, class: 'cb-grid__divider' }))
    $svg.append(svg('rect', { x: x0, y: y0, width: pw, height: ph, class: 'cb-grid__frame' }))

    // Axes, in words.
    $svg.append(svg('text', { x: x0 + pw / 2, y: H - rem * 0.45, 'text-anchor': 'middle', class: 'cb-grid__axis' }, 'Cost: low → high'))
    const ay = y0 + ph / 2
    $svg.append(svg('text', {
      x: rem * 1.3, y: ay, 'text-anchor': 'middle', transform: `rotate(-90 ${rem * 1.3} ${ay})`, class: 'cb-grid__axis'
    }, 'Benefit: low → high'))

    // Markers. Ideas at the same spot stand side by side.
    const spots = new Map()
    for (const p of this.points) {
      if (!p.quadrant || p.cost == null || p.benefit == null) continue
      const key = `${p.cost}:${p.benefit}`
      spots.set(key, [...(spots.get(key) ?? []), p])
    }
    for (const group of spots.values()) {
      group.forEach((p, k) => {
        const high = Number(p.benefit) > 3
        // Keep markers out of the band where the quadrant's name is.
        const half = ph / 2
        const inner = Math.max(0, half - band - r * 2.2)
        const within = high ? (share(p.benefit) - 0.56) / 0.4 : (share(p.benefit) - 0.04) / 0.4
        const cy = high
          ? y0 + half - r * 1.1 - within * inner
          : y0 + half + r * 1.1 + (1 - within) * inner
        const cx = x0 + share(p.cost) * pw + (k - (group.length - 1) / 2) * r * 2.3
        const $g = svg('g', { class: `cb-grid__marker js-marker${p.placed ? ' cb-grid__marker--placed' : ' cb-grid__marker--room'}`, 'data-idea': p.id, 'data-number': p.number })
        $g.append(p.placed
          ? svg('rect', { x: cx - r, y: cy - r, width: r * 2, height: r * 2, class: 'cb-grid__marker-shape cb-grid__marker-shape--placed' })
          : svg('circle', { cx, cy, r, class: 'cb-grid__marker-shape cb-grid__marker-shape--room' }))
        $g.append(svg('text', { x: cx, y: cy + rem * 0.36, 'text-anchor': 'middle', class: 'cb-grid__number' }, String(p.number)))
        $svg.append($g)
      })
    }
    replaceChildren(this.$chart, $svg)
  }

  #list () {
    const groups = QUADRANTS.map((q) => ({ q, points: this.points.filter((p) => p.quadrant === q.value) }))
    const unrated = this.points.filter((p) => !p.quadrant)
    // Each line is an item for the wall's pager (the list is a data-page-list).
    const item = (p) => h('li', { className: 'cb-grid-list__item', dataset: { idea: p.id, pageItem: '', key: p.id } },
      p.quadrant ? markerIcon(p.placed) : h('span', { className: 'cb-grid-icon', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'cb-grid-list__number', text: `${p.number}.` }),
      h('span', { className: 'cb-grid-list__text' },
        p.text,
        h('span', { className: 'cb-grid-list__how', text: p.placed ? ' (final place)' : p.quadrant ? ' (room’s view)' : '' })))
    replaceChildren(this.$list,
      h('ul', { className: 'cb-grid-key', attrs: { 'aria-label': 'Key to the markers', 'data-page-item': true } },
        h('li', {}, markerIcon(true), ' Final place'),
        h('li', {}, markerIcon(false), ' Room’s view (middle of all ratings)')),
      groups.filter((g) => g.points.length).map(({ q, points }) => h('section', { className: 'cb-grid-list__group', dataset: { quadrant: q.value } },
        h('h3', { className: 'cb-grid-list__heading', attrs: { 'data-page-item': true } }, h('strong', { text: q.plural }), ` — ${q.words}`),
        h('ol', { className: 'cb-grid-list__ideas' }, points.map(item)))),
      unrated.length
        ? h('section', { className: 'cb-grid-list__group', dataset: { quadrant: 'none' } },
          h('h3', { className: 'cb-grid-list__heading', attrs: { 'data-page-item': true } }, h('strong', { text: 'Not placed yet' })),
          h('p', { className: 'cb-grid-list__note js-grid-waiting', attrs: { 'data-page-item': true }, text: waitingWords(unrated) }),
          h('ol', { className: 'cb-grid-list__ideas' }, unrated.map(item)))
        : null,
      this.points.length ? null : h('p', { text: 'No ideas are shortlisted yet.' }))
  }
}


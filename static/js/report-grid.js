// The investment grid, drawn as inline SVG from the data: cost across,
// benefit up, the four quadrants named in words. Each idea is a numbered
// marker: a circle at the room's median with lines showing how far people's
// ratings spread, and a black square at the facilitator's final place.
// Shape and number carry the meaning, so it reads in black and white.
// Used by the facilitator console and the report. Text goes in with
// textContent only.

import { h } from './dom.js'
import { QUADRANTS, placedRoom, quadrantOne, rangeInWords, roomWaitingWords, score } from './report-words.js'

const SVG = 'http://www.w3.org/2000/svg'
let made = 0

function svg (tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value))
  if (text !== undefined) el.textContent = String(text)
  return el
}

// Plot area inside a 640 x 540 picture. Ratings run 1 to 5; above 3 counts
// as high, so the dividing line sits between 3 and 3.5. The benefit scale
// leaves room above 5 and below 1 for the quadrant names, so no marker
// covers them.
const BOX = { left: 78, right: 624, top: 16, bottom: 470 }
const X_LOW = 0.5
const X_HIGH = 5.5
const Y_LOW = -0.2
const Y_HIGH = 6.2
const MIDDLE = 3.25

const xOf = (cost) => BOX.left + ((cost - X_LOW) / (X_HIGH - X_LOW)) * (BOX.right - BOX.left)
const yOf = (benefit) => BOX.bottom - ((benefit - Y_LOW) / (Y_HIGH - Y_LOW)) * (BOX.bottom - BOX.top)

/** Where an idea sits for the list: its final place, else the room's. */
export function quadrantOf (item) {
  return item.placement?.quadrant ?? item.quadrant ?? item.room?.quadrant ?? null
}

/** One line on what the room said, e.g. "Room: cost 4, benefit 4.5 (4 people rated: cost from 2 to 5, benefit from 2 to 5)." */
export function roomInWords (room, { report = false } = {}) {
  if (!placedRoom(room)) return roomWaitingWords(room, { report })
  const people = `${room.raters} ${room.raters === 1 ? 'person' : 'people'} rated`
  return `Room’s middle view: cost ${score(room.cost)}, benefit ${score(room.benefit)} (${people}: cost ${rangeInWords(room.cost_range)}, benefit ${rangeInWords(room.benefit_range)}).`
}

export function placementInWords (placement) {
  if (!placement) return 'No final place yet.'
  return `Final place: cost ${score(placement.cost)}, benefit ${score(placement.benefit)}.`
}

function quadrantLabels ($svg) {
  const midX = xOf(MIDDLE)
  const midY = yOf(MIDDLE)
  const spots = {
    'quick win': { x: BOX.left + 10, y: BOX.top + 24, anchor: 'start' },
    'major project': { x: BOX.right - 10, y: BOX.top + 24, anchor: 'end' },
    'fill-in': { x: BOX.left + 10, y: BOX.bottom - 30, anchor: 'start' },
    'thankless task': { x: BOX.right - 10, y: BOX.bottom - 30, anchor: 'end' }
  }
  const areas = {
    'quick win': [BOX.left, BOX.top, midX - BOX.left, midY - BOX.top],
    'major project': [midX, BOX.top, BOX.right - midX, midY - BOX.top],
    'fill-in': [BOX.left, midY, midX - BOX.left, BOX.bottom - midY],
    'thankless task': [midX, midY, BOX.right - midX, BOX.bottom - midY]
  }
  for (const q of QUADRANTS) {
    const [x, y, width, height] = areas[q.value]
    $svg.append(svg('rect', { x, y, width, height, class: `cb-grid__area cb-grid__area--${q.value.replace(/\s+/g, '-')}` }))
  }
  for (const q of QUADRANTS) {
    const spot = spots[q.value]
    $svg.append(
      svg('text', { x: spot.x, y: spot.y, 'text-anchor': spot.anchor, class: 'cb-grid__quadrant' }, q.title),
      svg('text', { x: spot.x, y: spot.y + 20, 'text-anchor': spot.anchor, class: 'cb-grid__quadrant-hint' }, q.hint))
  }
}

function axes ($svg) {
  $svg.append(svg('rect', { x: BOX.left, y: BOX.top, width: BOX.right - BOX.left, height: BOX.bottom - BOX.top, class: 'cb-grid__frame' }))
  $svg.append(
    svg('line', { x1: xOf(MIDDLE), y1: BOX.top, x2: xOf(MIDDLE), y2: BOX.bottom, class: 'cb-grid__divider' }),
    svg('line', { x1: BOX.left, y1: yOf(MIDDLE), x2: BOX.right, y2: yOf(MIDDLE), class: 'cb-grid__divider' }))
  for (let n = 1; n <= 5; n++) {
    $svg.append(
      svg('text', { x: xOf(n), y: BOX.bottom + 22, 'text-anchor': 'middle', class: 'cb-grid__tick' }, n),
      svg('text', { x: BOX.left - 12, y: yOf(n) + 6, 'text-anchor': 'end', class: 'cb-grid__tick' }, n))
  }
  $svg.append(svg('text', { x: (BOX.left + BOX.right) / 2, y: BOX.bottom + 52, 'text-anchor': 'middle', class: 'cb-grid__axis' },
    'Cost: 1 low → 5 high'))
  const y = (BOX.top + BOX.bottom) / 2
  $svg.append(svg('text', { x: 22, y, 'text-anchor': 'middle', transform: `rotate(-90 22 ${y})`, class: 'cb-grid__axis' },
    'Benefit: 1 low → 5 high'))
}

function spread ($g, room, x, y) {
  const [c0, c1] = room.cost_range ?? [room.cost, room.cost]
  const [b0, b1] = room.benefit_range ?? [room.benefit, room.benefit]
  const cap = 7
  if (c0 !== c1) {
    $g.append(
      svg('line', { x1: xOf(c0), y1: y, x2: xOf(c1), y2: y, class: 'cb-grid__spread' }),
      svg('line', { x1: xOf(c0), y1: y - cap, x2: xOf(c0), y2: y + cap, class: 'cb-grid__spread' }),
      svg('line', { x1: xOf(c1), y1: y - cap, x2: xOf(c1), y2: y + cap, class: 'cb-grid__spread' }))
  }
  if (b0 !== b1) {
    $g.append(
      svg('line', { x1: x, y1: yOf(b0), x2: x, y2: yOf(b1), class: 'cb-grid__spread' }),
      svg('line', { x1: x - cap, y1: yOf(b0), x2: x + cap, y2: yOf(b0), class: 'cb-grid__spread' }),
      svg('line', { x1: x - cap, y1: yOf(b1), x2: x + cap, y2: yOf(b1), class: 'cb-grid__spread' }))
  }
}

/**
 * The grid picture.
 * items: [{n, label, room: {raters, cost, benefit, cost_range, benefit_range} | null,
 *          placement: {cost, benefit} | null}]
 */
export function gridPicture (items, { title = 'The investment grid' } = {}) {
  const id = `cb-grid-${++made}`
  const $svg = svg('svg', {
    viewBox: '0 0 640 540',
    width: '100%',
    role: 'img',
    class: 'cb-grid',
    'aria-labelledby': `${id}-title ${id}-desc`
  })
  $svg.append(
    svg('title', { id: `${id}-title` }, title),
    svg('desc', { id: `${id}-desc` }, 'Each idea is numbered; the list after the picture gives each one in words, grouped by quadrant.'))
  quadrantLabels($svg)
  axes($svg)
  // Ideas at the same spot are nudged apart so every number shows.
  const taken = new Map()
  const nudge = (x, y) => {
    const key = `${Math.round(x)}:${Math.round(y)}`
    const count = taken.get(key) ?? 0
    taken.set(key, count + 1)
    return [x + count * 20, y - count * 20]
  }
  const $spreads = svg('g', { class: 'cb-grid__spreads' })
  const $marks = svg('g', { class: 'cb-grid__marks' })
  for (const item of items) {
    const $g = svg('g', { class: 'cb-grid__idea', 'data-idea': item.id ?? '' })
    let roomAt = null
    if (placedRoom(item.room)) {
      roomAt = nudge(xOf(item.room.cost), yOf(item.room.benefit))
      spread($spreads, item.room, ...roomAt)
    }
    if (item.placement) {
      const [x, y] = nudge(xOf(item.placement.cost), yOf(item.placement.benefit))
      if (roomAt) $spreads.append(svg('line', { x1: roomAt[0], y1: roomAt[1], x2: x, y2: y, class: 'cb-grid__moved' }))
      $g.append(
        svg('rect', { x: x - 15, y: y - 15, width: 30, height: 30, class: 'cb-grid__placed' }),
        svg('text', { x, y: y + 6, 'text-anchor': 'middle', class: 'cb-grid__placed-number' }, item.n))
    }
    if (roomAt) {
      const [x, y] = roomAt
      $g.append(
        svg('circle', { cx: x, cy: y, r: 15, class: 'cb-grid__room' }),
        svg('text', { x, y: y + 6, 'text-anchor': 'middle', class: 'cb-grid__room-number' }, item.n),
        svg('text', { x: x + 19, y: y + 22, class: 'cb-grid__raters' }, `${item.room.raters}`))
    }
    $marks.append($g)
  }
  $svg.append($spreads, $marks)
  return $svg
}

/** The key to the shapes, in words. */
export function gridKey () {
  return h('ul', { className: 'cb-grid-key' },
    h('li', {}, h('span', { className: 'cb-grid-key__room', attrs: { 'aria-hidden': 'true' }, text: '1' }),
      ' Circle: the room’s middle view (the median). The small number beside it is how many people rated.'),
    h('li', {}, h('span', { className: 'cb-grid-key__spread', attrs: { 'aria-hidden': 'true' }, text: '├─┤' }),
      ' Lines: from the lowest to the highest rating people gave.'),
    h('li', {}, h('span', { className: 'cb-grid-key__placed', attrs: { 'aria-hidden': 'true' }, text: '1' }),
      ' Black square: the final place the facilitator set.'))
}

/** The numbered legend: each idea, what the room said and where it ended up. */
export function gridLegend (items) {
  return h('ol', { className: 'cb-grid-legend' }, items.map((item) =>
    h('li', { className: 'cb-grid-legend__item', value: item.n },
      h('span', { className: 'cb-grid-legend__text', text: item.label }),
      h('span', { className: 'cb-grid-legend__meta', text: `${quadrantOne(quadrantOf(item))}. ${roomInWords(item.room, { report: true })} ${placementInWords(item.placement)}` }))))
}

/**
 * The ideas by quadrant, quick wins first, then those not placed yet (if
 * any): [{q: {value, title, hint}, items, headingId}].
 */
export function gridGroups (items, idPrefix = 'grid') {
  const groups = [...QUADRANTS, { value: null, title: 'Not placed yet', hint: 'no final place, and no room’s view yet' }]
  return groups
    .map((q) => ({ q, items: items.filter((item) => (quadrantOf(item) ?? null) === q.value), headingId: `${idPrefix}-${(q.value ?? 'none').replace(/\s+/g, '-')}` }))
    .filter((group) => group.q.value !== null || group.items.length)
}

/**
 * The same ideas as a list grouped by quadrant, for screen readers and
 * small screens. `extra(item)` may add controls or links to each entry.
 */
export function gridByQuadrant (items, { headingLevel = 'h4', extra = () => null, idPrefix = 'grid', brief = false } = {}) {
  return gridGroups(items, idPrefix).map(({ q, items: inIt, headingId }) => {
    return h('section', { className: 'cb-grid-group', attrs: { 'aria-labelledby': headingId } },
      h(headingLevel, { id: headingId, className: 'cb-grid-group__title', text: `${q.title} (${q.hint}): ${inIt.length}` }),
      inIt.length
        ? h('ul', { className: 'cb-grid-group__list' }, inIt.map((item) =>
          h('li', { className: 'cb-grid-group__item', dataset: { idea: item.id ?? '' } },
            h('span', { className: 'cb-grid-group__text' }, h('strong', { text: `${item.n}. ` }), item.label),
            brief ? null : h('span', { className: 'cb-grid-group__meta', text: `${roomInWords(item.room)} ${placementInWords(item.placement)}` }),
            extra(item))))
        : h('p', { className: 'cb-hint', text: 'None.' }))
  })
}

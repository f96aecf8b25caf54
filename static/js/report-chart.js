// Bar charts for the printed report, drawn as inline SVG from the data.
// Legible in black and white: every group has a fill pattern as well as a
// colour, each bar segment carries its number in a white box, and the total is
// printed at the end of the bar. SVG fills print even where the browser
// leaves out background colours. Text goes in with textContent only.

import { h } from './dom.js'
import { ALL_DOTS_BAND, RESULT_BANDS } from './words.js'

const SVG = 'http://www.w3.org/2000/svg'

// Colour for the screen, pattern for paper. Tiles are 8 units square.
const FILLS = {
  solid: { bg: '#005eb8', ink: null },
  stripes: { bg: '#f1eaf6', ink: '#6b2c91', draw: 'diagonal' },
  dots: { bg: '#e3f1e9', ink: '#00703c', draw: 'dots' },
  hatch: { bg: '#f7eddc', ink: '#8a5a00', draw: 'cross' },
  lines: { bg: '#ffffff', ink: '#4b5563', draw: 'horizontal' },
  grid: { bg: '#ffffff', ink: '#5c4a00', draw: 'grid' },
  plain: { bg: '#6f777b', ink: null }
}

let made = 0

function svg (tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value))
  if (text !== undefined) el.textContent = String(text)
  return el
}

function pattern (id, name) {
  const fill = FILLS[name] ?? FILLS.plain
  const $pattern = svg('pattern', { id, width: 8, height: 8, patternUnits: 'userSpaceOnUse' })
  $pattern.append(svg('rect', { width: 8, height: 8, fill: fill.bg }))
  const line = (x1, y1, x2, y2) => svg('line', { x1, y1, x2, y2, stroke: fill.ink, 'stroke-width': 2 })
  switch (fill.draw) {
    case 'diagonal':
      $pattern.append(line(-2, 10, 10, -2), line(-2, 2, 2, -2), line(6, 10, 10, 6))
      break
    case 'cross':
      $pattern.append(line(0, 8, 8, 0), line(0, 0, 8, 8))
      break
    case 'horizontal':
      $pattern.append(line(0, 4, 8, 4))
      break
    case 'grid':
      $pattern.append(line(0, 4, 8, 4), line(4, 0, 4, 8))
      break
    case 'dots':
      $pattern.append(svg('circle', { cx: 4, cy: 4, r: 2, fill: fill.ink }))
      break
  }
  return $pattern
}

/**
 * One item's dots as bands, from a `by_group` split keyed by the server's
 * display names ("patients and carers", "other groups", …).
 */
export function bandsOf (byGroup, total) {
  const entries = Object.entries(byGroup ?? {}).filter(([, dots]) => dots > 0)
  if (!entries.length) return total > 0 ? [{ ...ALL_DOTS_BAND, dots: total }] : []
  const bands = RESULT_BANDS.map((band) => ({ ...band, dots: 0 }))
  for (const [name, dots] of entries) {
    const band = bands.find((b) => b.key === name || b.groups.includes(name)) ?? bands[bands.length - 1]
    band.dots += dots
  }
  return bands.filter((b) => b.dots > 0)
}

/** "patients and carers 3, professionals 3" */
export function splitInWords (bands) {
  return bands.filter((b) => b.key !== 'all').map((b) => `${b.label.toLowerCase()} ${b.dots}`).join(', ')
}

/** A small patterned square for a key, as its own SVG (no shared ids). */
export function swatch (patternName) {
  const id = `cb-swatch-${++made}`
  const $svg = svg('svg', { width: 36, height: 20, viewBox: '0 0 36 20', 'aria-hidden': 'true', focusable: 'false', class: 'cb-report-swatch' })
  const $defs = svg('defs')
  $defs.append(pattern(id, patternName))
  $svg.append($defs, svg('rect', { x: 1, y: 1, width: 34, height: 18, fill: `url(#${id})`, stroke: '#0b0c0c', 'stroke-width': 2 }))
  return $svg
}

/** The key to a chart's patterns: a list of swatches with their group names. */
export function chartKey (bands) {
  return h('ul', { className: 'cb-report-key', attrs: { 'aria-label': 'Key to the bars' } },
    bands.map((band) => h('li', { className: 'cb-report-key__item' }, swatch(band.pattern), h('span', { text: band.label }))))
}

/** Every band a set of rows uses, in the usual order. */
export function bandsUsed (rows) {
  const keys = new Set(rows.flatMap((row) => row.bands.map((b) => b.key)))
  return [...RESULT_BANDS, ALL_DOTS_BAND].filter((b) => keys.has(b.key))
}

function shorten (text, most) {
  const clean = String(text).replace(/\s+/g, ' ').trim()
  return clean.length > most ? `${clean.slice(0, most - 1).trimEnd()}…` : clean
}

/**
 * A horizontal stacked bar chart.
 * rows: [{label, total, bands: [{key, label, pattern, dots}]}]
 * The SVG is an image with a text summary; the same numbers are printed as
 * text next to it by the caller, for screen readers and for copying.
 * compact: each row's `short` label (say "1.") beside its bar instead of its
 * label above it, for a page short of room.
 */
export function barChart (rows, { title, compact = false }) {
  const id = `cb-chart-${++made}`
  const width = 640
  const labelHeight = compact ? 0 : 20
  const labelWidth = compact ? 40 : 0
  const barHeight = 24
  const gap = compact ? 4 : 8
  const room = width - 96 - labelWidth // space for the label and the total
  const most = Math.max(1, ...rows.map((r) => r.total))
  const height = rows.length * (labelHeight + barHeight + gap)
  const $svg = svg('svg', {
    viewBox: `0 0 ${width} ${Math.max(height, 1)}`,
    width: '100%',
    role: 'img',
    class: `cb-report-chart${compact ? ' cb-report-chart--compact' : ''}`,
    'aria-labelledby': `${id}-title`
  })
  $svg.append(svg('title', { id: `${id}-title` }, title))
  const $defs = svg('defs')
  const patterns = new Set(rows.flatMap((r) => r.bands.map((b) => b.pattern)))
  for (const name of patterns) $defs.append(pattern(`${id}-${name}`, name))
  $svg.append($defs)

  rows.forEach((row, index) => {
    const top = index * (labelHeight + barHeight + gap)
    const $row = svg('g', { class: 'cb-report-chart__row' })
    const barTop = top + labelHeight
    $row.append(compact
      ? svg('text', { x: 0, y: barTop + 18, class: 'cb-report-chart__label' }, row.short ?? '')
      : svg('text', { x: 0, y: top + 15, class: 'cb-report-chart__label' }, shorten(row.label, 72)))
    let x = labelWidth
    for (const band of row.bands) {
      if (!band.dots) continue
      const w = (band.dots / most) * room
      $row.append(svg('rect', {
        x: x + 1,
        y: barTop,
        width: Math.max(w - 1, 1),
        height: barHeight,
        fill: `url(#${id}-${band.pattern})`,
        stroke: '#0b0c0c',
        'stroke-width': 2
      }))
      // The number in a white box, so it reads on any pattern and on paper.
      const digits = String(band.dots).length
      const boxWidth = 10 + digits * 9
      if (w >= boxWidth + 4) {
        const cx = x + w / 2
        $row.append(
          svg('rect', { x: cx - boxWidth / 2, y: barTop + 2, width: boxWidth, height: 20, rx: 3, fill: '#ffffff', stroke: '#0b0c0c', 'stroke-width': 1 }),
          svg('text', { x: cx, y: barTop + 17, 'text-anchor': 'middle', class: 'cb-report-chart__number' }, band.dots))
      }
      x += w
    }
    const dots = `${row.total} ${row.total === 1 ? 'dot' : 'dots'}`
    $row.append(svg('text', { x: x + 8, y: barTop + 18, class: 'cb-report-chart__total' }, dots))
    $svg.append($row)
  })
  return $svg
}

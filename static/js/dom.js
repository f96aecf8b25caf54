// Tiny DOM helpers. User text only ever goes in as text nodes (textContent),
// never as HTML, so a statement like "<img onerror=…>" stays plain text.

/**
 * Make an element. `props` may hold: className, text, hidden, attrs (an object
 * of attribute names to values), dataset, and any plain DOM property such as
 * type, value, checked, disabled, id, htmlFor.
 * Children may be nodes, strings (added as text) or null/false (skipped).
 */
export function h (tag, props = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue
    if (key === 'text') {
      el.textContent = String(value)
    } else if (key === 'className') {
      el.className = value
    } else if (key === 'attrs') {
      for (const [name, attrValue] of Object.entries(value)) {
        if (attrValue === false || attrValue === null || attrValue === undefined) continue
        if (name === 'style' || name.startsWith('on')) {
          throw new Error(`h(): refusing attribute ${name}`)
        }
        el.setAttribute(name, attrValue === true ? '' : String(attrValue))
      }
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value)
    } else if (key === 'innerHTML' || key === 'outerHTML') {
      throw new Error('h(): refusing to set HTML')
    } else {
      el[key] = value
    }
  }
  append(el, children)
  return el
}

export function append (parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return parent
}

/** Replace all of `parent`'s children. */
export function replaceChildren (parent, ...children) {
  parent.replaceChildren()
  return append(parent, children)
}

/** Draw a small inline SVG icon from a list of path strings (no user data). */
export function icon (paths, { size = 24, className = 'cb-icon' } = {}) {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('width', String(size))
  svg.setAttribute('height', String(size))
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  svg.setAttribute('class', className)
  for (const d of paths) {
    const path = document.createElementNS(ns, 'path')
    path.setAttribute('d', d)
    svg.append(path)
  }
  return svg
}

export const SPEAKER_ICON = [
  'M3 9v6h4l5 5V4L7 9H3z',
  'M16.5 12c0-1.77-1.02-3.29-2.5-4.03v8.05c1.48-.73 2.5-2.25 2.5-4.02z',
  'M14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z'
]

/** Plural helper: plural(1, 'dot') -> '1 dot', plural(3, 'dot') -> '3 dots'. */
export function plural (count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`
}

/**
 * Re-render `$root` with `build()` (which returns its new children) while
 * keeping what the user was doing: the focused control and open <details>
 * (matched by `data-key`), and typed or ticked form values (matched by id).
 */
export function rebuild ($root, build) {
  const active = document.activeElement
  const focusKey = active && $root.contains(active) ? active.dataset.key : null
  const open = new Set([...$root.querySelectorAll('details[data-key]')]
    .filter((d) => d.open).map((d) => d.dataset.key))
  const closed = new Set([...$root.querySelectorAll('details[data-key]')]
    .filter((d) => !d.open).map((d) => d.dataset.key))
  const values = new Map()
  for (const $input of $root.querySelectorAll('input[id], textarea[id], select[id]')) {
    values.set($input.id, $input.type === 'checkbox' || $input.type === 'radio' ? $input.checked : $input.value)
  }
  replaceChildren($root, build())
  for (const $details of $root.querySelectorAll('details[data-key]')) {
    if (open.has($details.dataset.key)) $details.open = true
    if (closed.has($details.dataset.key)) $details.open = false
  }
  for (const $input of $root.querySelectorAll('input[id], textarea[id], select[id]')) {
    if (!values.has($input.id) || $input.dataset.keep === 'no') continue
    const value = values.get($input.id)
    if ($input.type === 'checkbox' || $input.type === 'radio') $input.checked = value
    else if ($input.tagName === 'SELECT') {
      if ([...$input.options].some((o) => o.value === value)) $input.value = value
    } else $input.value = value
  }
  if (focusKey) {
    const $again = $root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)
    $again?.focus({ preventScroll: true })
  }
}

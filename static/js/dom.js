// Tiny DOM helpers for the pages that build DOM by hand (the report, the
// review form, the start page); the live pages draw with lit-html (lit.js).
// User text only ever goes in as text nodes (textContent), never as HTML,
// so a statement like "<img onerror=…>" stays plain text.

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

/** Plural helper: plural(1, 'dot') -> '1 dot', plural(3, 'dot') -> '3 dots'. */
export function plural (count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`
}

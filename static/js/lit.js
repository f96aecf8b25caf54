// lit-html, the small renderer every view draws with (vendored and pinned:
// static/vendor/README.md). Views import it from here only.
//
// User text only ever goes in through text bindings (`${text}` in a child
// position, or an attribute such as aria-label), which lit-html sets as
// text. Never lit's unsafe-HTML directives, and never a `style=` binding (the CSP's
// style-src 'self' blocks style attributes): `cssProps` below sets style
// properties through the CSSOM, which the policy allows.

import { noChange } from '/static/vendor/lit-html/lit-html.js'
import { Directive, PartType, directive } from '/static/vendor/lit-html/directive.js'

export { html, svg, render, nothing, noChange } from '/static/vendor/lit-html/lit-html.js'
export { repeat } from '/static/vendor/lit-html/directives/repeat.js'
export { live } from '/static/vendor/lit-html/directives/live.js'
export { ref, createRef } from '/static/vendor/lit-html/directives/ref.js'
export { classMap } from '/static/vendor/lit-html/directives/class-map.js'
export { keyed } from '/static/vendor/lit-html/directives/keyed.js'

/** `<span ${cssProps({ width: '40%' })}>`: style properties set one by one (CSP-safe). */
export const cssProps = directive(class extends Directive {
  constructor (part) {
    super(part)
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes in an element: <div ${cssProps({…})}>')
  }

  render () {
    return noChange
  }

  update (part, [props]) {
    for (const [name, value] of Object.entries(props)) part.element.style.setProperty(name, value)
    return noChange
  }
})

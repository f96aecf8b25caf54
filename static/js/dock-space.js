// The dock (timer, dots left, messages) sits over the bottom of the phone's
// screen, and the connection banner, when it shows, over the top. Their
// heights go in --cb-dock-height and --cb-banner-height, which phone.css gives
// the page as scroll padding (and the dealt card as its place to stick): what
// keyboard focus brings into view stays clear of them.

function measureInto ($el, property) {
  const root = document.documentElement
  const measure = () => root.style.setProperty(property, `${Math.ceil($el.getBoundingClientRect().height)}px`)
  new ResizeObserver(measure).observe($el)
  measure()
}

export function keepClearOfDock ($dock) {
  measureInto($dock, '--cb-dock-height')
}

export function keepClearOfBanner ($banner) {
  measureInto($banner, '--cb-banner-height')
}

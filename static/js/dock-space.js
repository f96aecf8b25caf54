// The dock (timer, dots left, messages) sits over the bottom of the phone's
// screen. Its height goes in --cb-dock-height, which phone.css gives the page
// as scroll padding: whatever keyboard focus brings into view stays clear of it.

export function keepClearOfDock ($dock) {
  const root = document.documentElement
  const measure = () => root.style.setProperty('--cb-dock-height', `${Math.ceil($dock.getBoundingClientRect().height)}px`)
  new ResizeObserver(measure).observe($dock)
  measure()
}

// The wall pages through what does not fit. Nothing on the wall is ever cut
// off: each list marked `data-page-list` is split, by measuring, into pages
// that fit its box at the wall's own (legible) size, and the wall shows one
// page at a time, moving on by itself every few seconds with "Page 2 of 3"
// in sight, so every item reaches the screen within one cycle.
//
// A list's items are the elements inside it marked `data-page-item` (at any
// depth, in reading order, never one inside another). Lists are independent
// (a column each): page N shows each list's Nth page, or its last when it
// has fewer. The facilitator can hold a page or step through them
// (`hold`, `step`); with prefers-reduced-motion the pages change without
// fading.

export class WallPager {
  /**
   * @param {HTMLElement} $root  where the lists are (the wall's main area)
   * @param {HTMLElement} $status  where "Page 2 of 3" goes (hidden when one page)
   * @param {object} options  seconds: how long a page stays (12)
   */
  constructor ($root, $status, { seconds = 12 } = {}) {
    this.$root = $root
    this.$status = $status
    this.seconds = seconds
    this.page = 0
    this.count = 1
    this.key = null
    this.held = false
    this.timer = null
    this.splits = new Map() // list -> [[item, …] per page]
    window.addEventListener('resize', () => this.update(this.key))
  }

  /** Measure again after a render; `key` names what is shown (a new key starts at page 1). */
  update (key) {
    if (key !== this.key) {
      this.key = key
      this.page = 0
      this.#restart()
    }
    const hadStatus = !this.$status.hidden
    this.#measure()
    this.page = Math.min(this.page, this.count - 1)
    if (this.count > 1 && !hadStatus) {
      // The line saying which page this is takes room: measure with it there.
      this.#say()
      this.#measure()
      this.page = Math.min(this.page, this.count - 1)
    }
    this.#show(false)
  }

  /** Stay on this page (true) or move on by itself again (false). */
  hold (held) {
    if (this.held === Boolean(held)) return
    this.held = Boolean(held)
    this.#restart()
    this.#say()
  }

  /** Go to the next (1) or previous (-1) page. */
  step (by = 1) {
    if (this.count < 2) return
    this.page = (this.page + by + this.count) % this.count
    this.#restart()
    this.#show(true)
  }

  /** Go to page `n` (0-based), as the console asked. */
  go (n) {
    this.page = Math.max(0, Math.min(this.count - 1, n))
    this.#restart()
    this.#show(true)
  }

  #restart () {
    clearInterval(this.timer)
    this.timer = null
    if (this.held) return
    this.timer = setInterval(() => this.step(1), this.seconds * 1000)
  }

  #lists () {
    return [...this.$root.querySelectorAll('[data-page-list]')].filter((l) => !l.closest('[hidden]'))
  }

  #measure () {
    this.splits = new Map()
    let count = 1
    for (const $list of this.#lists()) {
      const pages = split($list)
      this.splits.set($list, pages)
      count = Math.max(count, pages.length)
    }
    this.count = count
  }

  #show (fade) {
    const motion = fade && !matchMedia('(prefers-reduced-motion: reduce)').matches
    for (const [$list, pages] of this.splits) {
      const shown = pages[Math.min(this.page, pages.length - 1)] ?? []
      const on = new Set(shown)
      for (const $item of pages.flat()) $item.hidden = !on.has($item)
      if (motion && pages.length > 1) {
        $list.classList.remove('cb-page-in')
        void $list.offsetWidth // restart the fade
        $list.classList.add('cb-page-in')
      }
    }
    this.#say()
  }

  #say () {
    const paging = this.count > 1
    this.$status.hidden = !paging
    this.$status.dataset.page = String(this.page + 1)
    this.$status.dataset.pages = String(this.count)
    this.$status.textContent = paging
      ? `Page ${this.page + 1} of ${this.count}${this.held ? ' (held)' : ''}`
      : ''
  }
}

/**
 * The items of `$list` in pages that fit its box: show the rest from each
 * page's first item, and keep those whose bottom is inside the box. One
 * layout a page, measured as laid out, so tables, headings and gaps count.
 */
function split ($list) {
  const items = [...$list.querySelectorAll('[data-page-item]')]
  for (const $item of items) $item.hidden = false
  if (!items.length) return []
  const edges = () => {
    const box = $list.getBoundingClientRect()
    const style = getComputedStyle($list)
    return {
      bottom: box.bottom - parseFloat(style.paddingBottom || '0') + 0.5,
      right: box.right - parseFloat(style.paddingRight || '0') + 0.5
    }
  }
  // In a list laid out in columns (CSS columns), what does not fit runs
  // into a column beyond the right edge: that counts as not fitting too.
  const fits = ($item, edge) => {
    const r = $item.getBoundingClientRect()
    return r.bottom <= edge.bottom && r.right <= edge.right
  }
  const pages = []
  let start = 0
  while (start < items.length) {
    items.forEach(($item, i) => { $item.hidden = i < start })
    const edge = edges()
    let end = start // an item too tall for a whole page still gets one of its own
    while (end + 1 < items.length && fits(items[end + 1], edge)) end += 1
    pages.push(items.slice(start, end + 1))
    start = end + 1
  }
  return pages
}

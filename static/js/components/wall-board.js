// The first day on the wall: the join panel, statements in three columns
// (one per question), themes as clusters of small cards with their counts
// (and their I statements while there are few; the vote and its results
// show them always), and what the room took forward. Read from 5 m: few words, big. A card
// someone is moving marks its cluster, from the `moving` flags. Every list
// is a `data-page-list`: what does not fit pages (components/wall-pager.js).

import { cardsIn, itemInfo, themesOf } from '../board-state.js'
import { joinUrl, qrUrl } from '../api.js'
import { plural } from '../dom.js'
import { html, nothing, repeat } from '../lit.js'
import { CATEGORIES } from '../words.js'

const NEWEST = 3 // statements a column shows beside the join panel: the newest
const FEW_THEMES = 4 // up to this many themes a question, each shows its I statement

export class WallBoard {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  boardId, flags (MovingFlags)
   */
  constructor ($root, { boardId, flags, paged = () => {} }) {
    this.$root = $root
    this.boardId = boardId
    this.flags = flags
    this.state = null
    this.onFlags = () => {
      if (!this.state) return
      this.render(this.state)
      paged()
    }
    flags.addEventListener('change', this.onFlags)
  }

  unmount () {
    this.flags.removeEventListener('change', this.onFlags)
  }

  /** Whether the view shows the big join panel (the header's small one then hides). */
  get showsJoin () {
    return false
  }

  join (state) {
    return joinPanel(state)
  }

  carried (state) {
    return html`<section class="cb-wall__carried js-carried" aria-labelledby="wall-carried-heading">
      <h2 id="wall-carried-heading">Taken forward</h2>
      <ol class="cb-wall__carried-list js-carried-list" data-page-list>${state.carried.map((id, i) => {
        const info = itemInfo(state, id)
        // value: the number stays right when the items before are on another page
        return html`<li class="cb-wall__carried-item" value=${i + 1} data-page-item data-key=${id}>
          <p class="cb-wall__carried-title">${info.kind === 'theme' ? info.title : info.text}</p>
          ${info.kind === 'theme' && info.text ? html`<p class="cb-wall__i-statement">“${info.text}”</p>` : nothing}
        </li>`
      })}</ol>
    </section>`
  }

  /** Statements in three columns (`compact`: the newest few, beside the join panel). */
  columns (state, compact) {
    return html`<section class="cb-wall__columns js-columns ${compact ? 'cb-wall__columns--compact' : ''}" aria-label="Statements">
      ${CATEGORIES.map((category) => {
        const mine = state.statements.filter((s) => s.category === category.value)
        const shown = compact
          ? mine.slice(-NEWEST).reverse()
          : [...mine].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99))
        return html`<section class="cb-wall__column cb-category cb-category--${slug(category)}">
          ${this.#columnTitle(category, mine.length)}
          ${compact && mine.length ? html`<p class="cb-wall__newest">The newest:</p>` : nothing}
          ${mine.length
            ? html`<ul class="cb-wall__statements" data-page-list>${repeat(shown, (s) => s.id, (s) => html`<li
                data-page-item data-key=${s.id}>${s.text}</li>`)}</ul>`
            : html`<p>None yet.</p>`}
        </section>`
      })}
    </section>`
  }

  /** Themes as clusters of small cards, one column per question, with their card counts. */
  themes (state) {
    const moving = new Set(this.flags.ids())
    const cluster = (cards) => cards.some((c) => moving.has(c.id))
    return html`<section class="cb-wall__columns js-columns" aria-label="Themes">
      ${CATEGORIES.map((category) => {
        const themes = themesOf(state, category.value)
        const all = state.statements.filter((s) => s.category === category.value)
        const unthemed = cardsIn(state, category.value, null)
        const count = (t) => cardsIn(state, category.value, t.id).length
        const shown = [...themes].sort((a, b) => count(b) - count(a))
        const few = themes.length <= FEW_THEMES // room for their I statements too
        const unthemedMoving = cluster(unthemed)
        return html`<section class="cb-wall__column cb-category cb-category--${slug(category)}" data-category=${category.value}>
          ${this.#columnTitle(category, all.length)}
          ${all.length
            ? html`<p class="cb-wall__themed js-themed">${all.length - unthemed.length} of ${plural(all.length, 'card')} themed</p>`
            : nothing}
          ${themes.length
            ? html`<ul class="cb-wall__themes" data-page-list>${repeat(shown, (t) => t.id, (t) => {
              const cards = cardsIn(state, category.value, t.id)
              const on = cluster(cards)
              return html`<li class="cb-wall__theme js-cluster ${on ? 'cb-wall__theme--moving' : ''}" data-theme=${t.id}
                  data-page-item data-key=${t.id}>
                <p class="cb-wall__theme-title"><span>${t.title}</span><span class="cb-wall__theme-count">${plural(cards.length, 'card')}</span></p>
                ${t.i_statement && few ? html`<p class="cb-wall__i-statement">“${t.i_statement}”</p>` : nothing}
                <p class="cb-wall__cards" aria-hidden="true">${repeat(cards, (c) => c.id, (c) => html`<span
                  class="cb-wall__card ${moving.has(c.id) ? 'cb-wall__card--moving' : ''}"></span>`)}</p>
                <p class="cb-wall__moving js-moving" ?hidden=${!on}>↔ a card is being moved</p>
              </li>`
            })}</ul>`
            : html`<p>No themes yet.</p>`}
          <p class="cb-wall__unthemed js-cluster ${unthemedMoving ? 'cb-wall__theme--moving' : ''}">Not yet themed: ${unthemed.length}<span
            class="cb-wall__moving js-moving" ?hidden=${!unthemedMoving}> ↔ moving</span></p>
        </section>`
      })}
    </section>`
  }

  #columnTitle (category, count) {
    return html`<h2 class="cb-wall__column-title"><span>${category.title}</span><span class="cb-wall__count">${count}</span></h2>`
  }
}

/** How to join, big: the address, the code and the QR code. */
export function joinPanel (state) {
  const url = joinUrl(state.join_code)
  return html`<section class="cb-wall__join js-join-big" aria-labelledby="wall-join-heading">
    <div class="cb-wall__join-text-block">
      <h2 id="wall-join-heading">Join on your phone</h2>
      <p>Go to <strong class="js-join-url">${location.host}/join</strong> and type the code</p>
      <p class="cb-wall__code cb-code js-join-code">${state.join_code}</p>
      <p class="js-joined-count">${plural(state.participants?.count ?? 0, 'person has', 'people have')} joined.</p>
    </div>
    <img class="cb-wall__qr js-qr" src=${qrUrl(state.join_code)} alt="QR code to join: ${url}">
  </section>`
}

export function slug (category) {
  return category.value.replace(/\s+/g, '-')
}

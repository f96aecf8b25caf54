// The console's "Wall" tool: what every wall shows now, and the choice of
// one thing to put on it (how to join, a vote, a theme and its cards, a
// theme's "why?" tree, the investment grid) or of following the stage
// again; and the wall's pages: hold this one, turn them by hand, or let
// them turn by themselves. `showOnWall(connection, show)` is also what the
// "Show on the wall" buttons beside those things send.

import { themeById } from '../board-state.js'
import { html, nothing, render } from '../lit.js'
import { CATEGORIES } from '../words.js'

/** In words, what the wall shows: "The investment grid", "Theme: Appointments"… */
export function wallShowsWords (state) {
  const show = state.wall?.show
  if (!show) return 'The stage, as it goes'
  if (show.kind === 'join') return 'How to join'
  if (show.kind === 'grid') return 'The investment grid'
  if (show.kind === 'round') {
    const round = state.rounds.find((r) => r.id === show.id)
    return `The vote “${round?.title || 'Dot vote'}”`
  }
  const theme = themeById(state, show.id)
  if (!theme) return 'The stage, as it goes'
  return show.kind === 'causes' ? `Why? for “${theme.title}”` : `The theme “${theme.title}”`
}

/** Whether `show` is what the wall shows now. */
export function isOnWall (state, show) {
  const now = state.wall?.show ?? null
  if (!now || !show) return now === show
  return now.kind === show.kind && (now.id ?? null) === (show.id ?? null)
}

/** Put `show` on every wall (null: follow the stage). Resolves with a message to announce. */
export async function showOnWall (connection, show) {
  await connection.send({ type: 'show_on_wall', show })
  return show ? 'It is on the wall now.' : 'The wall follows the stage again.'
}

/** A "Show on the wall" button beside a thing the console shows. */
export function showButton (state, show, { connection, announce }, label = 'Show on the wall') {
  const on = isOnWall(state, show)
  return html`<button type="button" class="cb-button cb-button--secondary cb-button--small js-show-on-wall"
    aria-pressed=${on ? 'true' : 'false'} @click=${async () => {
      try {
        announce(await showOnWall(connection, on ? null : show))
      } catch (err) {
        announce(err?.message ?? 'The wall did not change.')
      }
    }}>${on ? 'On the wall: back to the stage' : label}</button>`
}

export class WallPanel {
  /**
   * @param {HTMLElement} $root  the dialog's body
   * @param {object} context  connection, announce
   */
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.error = ''
    this.state = null
  }

  async #send (command, done) {
    this.error = ''
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.error = err?.message ?? 'The wall did not change.'
      this.announce(this.error)
    }
    if (this.state) this.render(this.state)
  }

  #show (show) {
    return this.#send({ type: 'show_on_wall', show }, show ? 'It is on the wall now.' : 'The wall follows the stage again.')
  }

  render (state) {
    this.state = state
    const held = Boolean(state.wall?.held)
    const choice = (show, label) => {
      const on = isOnWall(state, show)
      return html`<li><button type="button" class="cb-button ${on ? '' : 'cb-button--secondary'} js-wall-choice"
        aria-pressed=${on ? 'true' : 'false'} @click=${() => on ? null : this.#show(show)}>${label}</button></li>`
    }
    const themes = CATEGORIES.map((c) => ({ c, themes: (state.themes ?? []).filter((t) => t.category === c.value) }))
      .filter((g) => g.themes.length)
    const carried = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean)
    const rounds = [...(state.rounds ?? [])].reverse()
    const pick = async (event) => {
      event.preventDefault()
      const id = new FormData(event.target).get('theme')
      if (id) await this.#show({ kind: 'theme', id })
    }
    render(html`
      <p class="cb-wall-panel__now js-wall-now">The wall shows: <strong>${wallShowsWords(state)}</strong></p>
      <p class="cb-error js-wall-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      <h3 class="cb-wall-panel__heading">Pages</h3>
      <p class="cb-hint">When something does not fit, the wall shows it a page at a time, turning every 12 seconds.</p>
      <div class="cb-wall-panel__pages">
        <button type="button" class="cb-button cb-button--secondary js-wall-previous"
          @click=${() => this.#send({ type: 'page_wall', action: 'previous' }, 'The wall went back a page.')}>Previous page</button>
        <button type="button" class="cb-button cb-button--secondary js-wall-next"
          @click=${() => this.#send({ type: 'page_wall', action: 'next' }, 'The wall went on a page.')}>Next page</button>
        <button type="button" class="cb-button js-wall-hold" aria-pressed=${held ? 'true' : 'false'}
          @click=${() => this.#send({ type: 'page_wall', action: held ? 'resume' : 'hold' },
            held ? 'The wall turns its pages by itself again.' : 'The wall holds this page.')}>Hold this page</button>
      </div>
      <h3 class="cb-wall-panel__heading">Put one thing on the wall</h3>
      <ul class="cb-wall-panel__choices">
        ${choice(null, 'Follow the stage')}
        ${choice({ kind: 'join' }, 'How to join (code and QR code)')}
        ${(state.grid ?? []).length ? choice({ kind: 'grid' }, 'The investment grid') : nothing}
        ${rounds.map((r) => choice({ kind: 'round', id: r.id }, `The vote “${r.title || 'Dot vote'}”`))}
        ${carried.map((t) => choice({ kind: 'causes', id: t.id }, `Why? for “${t.title}”`))}
      </ul>
      ${themes.length
        ? html`<form class="cb-wall-panel__theme" @submit=${pick}>
            <label class="cb-label" for="wall-theme">A theme and its cards</label>
            <select id="wall-theme" name="theme" class="cb-select">${themes.map(({ c, themes }) => html`<optgroup
              label=${c.title}>${themes.map((t) => html`<option value=${t.id}>${t.title}</option>`)}</optgroup>`)}</select>
            <button type="submit" class="cb-button cb-button--secondary">Show this theme</button>
          </form>`
        : nothing}`, this.$root)
  }
}

// Who is here: how many have joined and are connected now, by group, and
// everyone who has joined (names are seen by facilitators only).

import { plural } from '../dom.js'
import { html, nothing, render, repeat } from '../lit.js'
import { GROUPS, groupLabel } from '../words.js'

export class PeoplePanel {
  constructor ($root) {
    this.$root = $root
    this.presence = null
    this.state = null
  }

  setPresence (presence) {
    this.presence = presence
    if (this.state) this.render(this.state)
  }

  render (state) {
    this.state = state
    const participants = state.participants ?? { count: 0, by_group: {} }
    const byGroup = this.presence?.by_group ?? {}
    const people = participants.people ?? []
    render(html`<p class="cb-people__count js-people-count">${plural(participants.count, 'person', 'people')} joined.</p>
      <p class="cb-presence js-presence">${this.presence
        ? `Here now: ${plural(this.presence.connected ?? 0, 'person', 'people')}.` : 'Here now: not known yet.'}</p>
      <ul class="cb-people__groups js-presence-groups">${GROUPS.filter((g) => byGroup[g.value]).map((g) =>
        html`<li>${g.label}: ${byGroup[g.value]}</li>`)}</ul>
      <h3>Joined, by group</h3>
      <ul class="cb-people__groups js-people-groups">${GROUPS.map((g) =>
        html`<li>${g.label}: ${participants.by_group?.[g.value] ?? 0}</li>`)}</ul>
      <h3>Everyone who has joined</h3>
      <ul class="cb-people__list js-people-list">${people.length
        ? repeat(people, (p) => p.id, (p) => html`<li><span>${p.name || 'No name given'}</span> – ${groupLabel(p.group)}</li>`)
        : html`<li>Nobody yet.</li>`}</ul>
      ${nothing}`, this.$root)
  }
}

// The second day on the wall: the "why?" trees growing, success by point of
// view, ideas by kind, the investment grid, the plan, and how many have given
// feedback. Read from 5 m: few words, big, and never colour alone.

import { h, plural, replaceChildren } from '../dom.js'
import { themeById } from '../board-state.js'
import {
  IDEA_KINDS, IN_PLACE, PERSPECTIVES, causeTree, dueWords, quadrantInfo, statusInfo
} from './phone-wall-words.js'
import { InvestGrid } from './wall-invest-grid.js'

const DAY_TWO = new Set(['understand', 'success', 'ideas', 'invest', 'plan', 'reflect'])
const PLAN_ROWS = 6

export function isDayTwo (stage) {
  return DAY_TWO.has(stage)
}

export class WallDayTwo {
  constructor ($root) {
    this.$root = $root
    this.key = null
    this.grid = null
  }

  /** The section was hidden: draw afresh next time (the grid needs its size). */
  forget () {
    this.key = null
    this.grid = null
  }

  render (state) {
    const key = JSON.stringify([state.stage, state.carried, state.themes, state.causes, state.successes,
      state.ideas, state.grid, state.actions, state.feedback?.answered, state.participants?.count])
    if (key === this.key) return
    this.key = key
    this.$root.dataset.stage = state.stage
    switch (state.stage) {
      case 'understand': return this.#show(this.#understand(state))
      case 'success': return this.#show(this.#success(state))
      case 'ideas': return this.#show(this.#ideas(state))
      case 'invest': return this.#invest(state)
      case 'plan': return this.#show(this.#plan(state))
      case 'reflect': return this.#show(this.#reflect(state))
    }
  }

  #show (children) {
    this.grid = null
    replaceChildren(this.$root, children)
  }

  // ---- understand ----------------------------------------------------------------

  #understand (state) {
    const themes = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean).slice(0, 3)
    const count = (state.causes ?? []).length
    return [
      h('h2', { className: 'cb-w2__heading' }, 'Why does this happen?',
        h('span', { className: 'cb-w2__count', text: plural(count, 'reason') })),
      themes.length
        ? h('div', { className: `cb-w2__columns cb-w2__columns--${themes.length}` }, themes.map((theme) => {
          const tree = causeTree(state.causes, theme.id)
          return h('section', { className: 'cb-w2__column cb-w2-why', dataset: { theme: theme.id } },
            h('h3', { className: 'cb-w2__i', text: theme.i_statement ? `“${theme.i_statement}”` : theme.title }),
            tree.length
              ? h('ul', { className: 'cb-w2-tree' }, tree.map((node) => this.#cause(node)))
              : h('p', { className: 'cb-w2__none', text: 'No reasons yet. Add one on your phone.' }))
        }))
        : h('p', { className: 'cb-w2__none', text: 'Nothing has been taken forward yet.' })
    ]
  }

  #cause ({ cause, children }) {
    return h('li', { className: `cb-w2-tree__item${cause.chosen ? ' cb-w2-tree__item--chosen' : ''}`, dataset: { cause: cause.id } },
      h('p', { className: 'cb-w2-tree__text' },
        cause.chosen ? h('strong', { className: 'cb-w2__tag', text: '✓ Chosen' }) : null,
        cause.chosen ? ' ' : null,
        cause.text),
      children.length ? h('ul', { className: 'cb-w2-tree cb-w2-tree--deeper' }, children.map((node) => this.#cause(node))) : null)
  }

  // ---- success ---------------------------------------------------------------------

  #success (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    const numbered = chosen.length > 1
    const numberOf = new Map(chosen.map((c, i) => [c.id, i + 1]))
    const successes = (state.successes ?? []).filter((s) => numberOf.has(s.cause_id))
    return [
      h('h2', { className: 'cb-w2__heading', text: 'What would success look like?' }),
      chosen.length
        ? h('ol', { className: `cb-w2__causes${numbered ? '' : ' cb-w2__causes--one'}` },
          chosen.map((c) => h('li', { text: c.text })))
        : h('p', { className: 'cb-w2__none', text: 'No root causes chosen yet.' }),
      h('div', { className: 'cb-w2__columns cb-w2__columns--4' }, PERSPECTIVES.map((p) => {
        const said = successes.filter((s) => s.perspective === p.value)
        return h('section', { className: 'cb-w2__column', dataset: { perspective: p.value } },
          h('h3', { className: 'cb-w2__column-title' },
            h('span', { text: p.title }),
            h('span', { className: 'cb-w2__count', text: String(said.length) })),
          said.length
            ? h('ul', { className: 'cb-w2__list' }, said.map((s) => h('li', {},
              numbered ? h('strong', { className: 'cb-w2__cause-number', text: `(${numberOf.get(s.cause_id)}) ` }) : null,
              s.text)))
            : h('p', { className: 'cb-w2__none', text: 'None yet.' }))
      }))
    ]
  }

  // ---- ideas ---------------------------------------------------------------------------

  #ideas (state) {
    const ideas = state.ideas ?? []
    const kinds = [IN_PLACE, ...IDEA_KINDS]
    const shortlisted = ideas.filter((i) => i.shortlisted).length
    return [
      h('h2', { className: 'cb-w2__heading' }, 'Ideas',
        shortlisted ? h('span', { className: 'cb-w2__count', text: `${shortlisted} shortlisted` }) : null),
      h('div', { className: 'cb-w2__columns cb-w2__columns--4' }, kinds.map((kind) => {
        const mine = ideas.filter((i) => i.kind === kind.value)
          .sort((a, b) => Number(b.shortlisted) - Number(a.shortlisted))
        return h('section', { className: `cb-w2__column${kind === IN_PLACE ? ' cb-w2__column--in-place' : ''}`, dataset: { kind: kind.value } },
          h('h3', { className: 'cb-w2__column-title' },
            h('span', { text: kind.title }),
            h('span', { className: 'cb-w2__count', text: String(mine.length) })),
          h('p', { className: 'cb-w2__hint', text: kind.hint }),
          mine.length
            ? h('ul', { className: 'cb-w2__list' }, mine.map((idea) => h('li', {
              className: idea.shortlisted ? 'cb-w2__idea--shortlisted' : '', dataset: { idea: idea.id }
            },
            idea.shortlisted ? h('strong', { className: 'cb-w2__tag', text: '★ Shortlisted' }) : null,
            idea.shortlisted ? ' ' : null,
            idea.text)))
            : h('p', { className: 'cb-w2__none', text: 'None yet.' }))
      }))
    ]
  }

  // ---- invest: the grid ---------------------------------------------------------------

  #invest (state) {
    if (!this.grid) {
      const $chart = h('div', { className: 'cb-w2-grid__chart js-grid-chart' })
      const $list = h('div', { className: 'cb-w2-grid__list js-grid-list' })
      replaceChildren(this.$root,
        h('h2', { className: 'cb-w2__heading', text: 'Cost and benefit' }),
        h('div', { className: 'cb-w2-grid' }, $chart, $list))
      this.grid = new InvestGrid($chart, $list)
    }
    this.grid.render(state)
  }

  // ---- plan ------------------------------------------------------------------------------

  #plan (state) {
    const actions = state.actions ?? []
    const shown = actions.slice(0, PLAN_ROWS)
    return [
      h('h2', { className: 'cb-w2__heading' }, 'The action plan',
        h('span', { className: 'cb-w2__count', text: 'Quick wins first' })),
      actions.length
        ? h('table', { className: 'cb-w2-plan' },
          h('thead', {}, h('tr', {},
            ['What', 'Who', 'When', 'Now'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, shown.map((a) => {
            const q = quadrantInfo(a.quadrant)
            const status = statusInfo(a.status)
            return h('tr', { dataset: { action: a.id } },
              h('td', {},
                q ? h('strong', { className: 'cb-w2__tag', text: q.name }) : null,
                q ? ' ' : null,
                a.text),
              h('td', { text: a.owner }),
              h('td', { text: dueWords(a.due) }),
              h('td', { text: `${status.mark} ${status.label}` }))
          })))
        : h('p', { className: 'cb-w2__none', text: 'No actions yet.' }),
      actions.length > shown.length ? h('p', { className: 'cb-w2__more', text: `and ${plural(actions.length - shown.length, 'more action')}` }) : null
    ]
  }

  // ---- reflect -----------------------------------------------------------------------------

  #reflect (state) {
    const answered = state.feedback?.answered ?? 0
    return [
      h('h2', { className: 'cb-w2__heading', text: 'How did today go?' }),
      h('div', { className: 'cb-w2-reflect' },
        h('p', { className: 'cb-w2-reflect__number js-feedback-count' },
          h('span', { className: 'cb-w2-reflect__big', text: String(answered) }),
          ` ${answered === 1 ? 'person has' : 'people have'} given feedback`),
        h('p', { text: 'Tell us on your phone. Your answers are not shown with your name.' }),
        h('p', { text: 'Thank you for taking part.' }))
    ]
  }
}

// One view per stage for each page, looked up from one table (after
// Parabol's RetroMeeting phaseLookup): a page shows the stage the room is at
// by mounting STAGE_VIEWS[stage][page]. The stage list itself (order, names,
// summaries) comes from the server in the join acknowledgement; a test
// checks this table has a view of every page for every stage it sends.
//
// A view is a class: new View($root, context), then view.render(state,
// detail) on every change, and view.unmount?.() when the room moves on.

import { CollectConsole } from './collect/facilitator.js'
import { CollectPhone } from './collect/phone.js'
import { CollectWall } from './collect/wall.js'
import { IdeasConsole } from './ideas/facilitator.js'
import { IdeasPhone } from './ideas/phone.js'
import { IdeasWall } from './ideas/wall.js'
import { InvestConsole } from './invest/facilitator.js'
import { InvestPhone } from './invest/phone.js'
import { InvestWall } from './invest/wall.js'
import { PlanConsole } from './plan/facilitator.js'
import { PlanPhone } from './plan/phone.js'
import { PlanWall } from './plan/wall.js'
import { PrepareConsole } from './prepare/facilitator.js'
import { PreparePhone } from './prepare/phone.js'
import { PrepareWall } from './prepare/wall.js'
import { PrioritiseConsole } from './prioritise/facilitator.js'
import { PrioritisePhone } from './prioritise/phone.js'
import { PrioritiseWall } from './prioritise/wall.js'
import { ReflectConsole } from './reflect/facilitator.js'
import { ReflectPhone } from './reflect/phone.js'
import { ReflectWall } from './reflect/wall.js'
import { SuccessConsole } from './success/facilitator.js'
import { SuccessPhone } from './success/phone.js'
import { SuccessWall } from './success/wall.js'
import { ThemeConsole } from './theme/facilitator.js'
import { ThemePhone } from './theme/phone.js'
import { ThemeWall } from './theme/wall.js'
import { UnderstandConsole } from './understand/facilitator.js'
import { UnderstandPhone } from './understand/phone.js'
import { UnderstandWall } from './understand/wall.js'

export const STAGE_VIEWS = {
  prepare: { facilitator: PrepareConsole, phone: PreparePhone, wall: PrepareWall },
  collect: { facilitator: CollectConsole, phone: CollectPhone, wall: CollectWall },
  theme: { facilitator: ThemeConsole, phone: ThemePhone, wall: ThemeWall },
  prioritise: { facilitator: PrioritiseConsole, phone: PrioritisePhone, wall: PrioritiseWall },
  understand: { facilitator: UnderstandConsole, phone: UnderstandPhone, wall: UnderstandWall },
  success: { facilitator: SuccessConsole, phone: SuccessPhone, wall: SuccessWall },
  ideas: { facilitator: IdeasConsole, phone: IdeasPhone, wall: IdeasWall },
  invest: { facilitator: InvestConsole, phone: InvestPhone, wall: InvestWall },
  plan: { facilitator: PlanConsole, phone: PlanPhone, wall: PlanWall },
  reflect: { facilitator: ReflectConsole, phone: ReflectPhone, wall: ReflectWall }
}

/**
 * Shows the room's stage in `$root` with this page's view of it, making a
 * new view when the stage's view differs from the one shown.
 */
export class StageViews {
  /**
   * @param {HTMLElement} $root  where the views go
   * @param {'facilitator'|'phone'|'wall'} page
   * @param {object} context  what every view of this page is given
   */
  constructor ($root, page, context) {
    this.$root = $root
    this.page = page
    this.context = context
    this.View = null
    this.view = null
  }

  render (state, detail = {}) {
    const View = STAGE_VIEWS[state.stage]?.[this.page]
    if (!View) throw new Error(`No ${this.page} view for the stage ${state.stage}`)
    if (View !== this.View) {
      this.view?.unmount?.()
      const $view = document.createElement('div')
      $view.className = `cb-stage-view cb-stage-view--${state.stage} js-stage-view`
      $view.dataset.stage = state.stage
      this.$root.replaceChildren($view)
      this.View = View
      this.view = new View($view, this.context)
    }
    this.view.render(state, detail)
    return this.view
  }
}

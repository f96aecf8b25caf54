// The workshop's stages in order, as the server sent them in the join
// acknowledgement (`stages`, from board/stages.py). The browser keeps no
// copy of its own: every page asks this of its connection's list.

/** One stage with its place: {stage, title, summary, index, number}. */
export function stageInfo (stages, stage) {
  const list = stages ?? []
  const index = list.findIndex((s) => s.stage === stage)
  if (index === -1) return { stage, title: stage, summary: '', index: -1, number: 0 }
  return { ...list[index], index, number: index + 1 }
}

/** Whether `stage` comes at or after `from` in the list. */
export function atOrAfter (stages, stage, from) {
  const info = stageInfo(stages, stage)
  const start = stageInfo(stages, from)
  return info.index >= 0 && start.index >= 0 && info.index >= start.index
}

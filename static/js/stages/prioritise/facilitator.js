// Prioritise on the console: the dot vote is the work. The console's one
// VoteConsole moves in here (and back to its dialog when the room moves on).

export class PrioritiseConsole {
  constructor ($root, { vote }) {
    this.$root = $root
    this.vote = vote
    this.home = vote.$root.parentElement
    $root.append(vote.$root)
  }

  unmount () {
    this.home?.append(this.vote.$root)
  }

  render () {}
}

// Collect on the console: the stage's work is in the shell's common sections
// (the vote, the statements, cards people write, import) for now.

export class CollectConsole {
  constructor ($root) {
    this.$root = $root
  }

  render () {}
}

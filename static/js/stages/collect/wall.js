// Collect on the wall: how to join, big, while the statements come in.

import { PrepareWall } from '../prepare/wall.js'

export class CollectWall extends PrepareWall {}

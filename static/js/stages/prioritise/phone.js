// Prioritise on a phone: the vote (drawn above every stage's view) is the
// work; below it, what was taken forward and what people said.

import { PhoneStatements } from '../../components/phone-statements.js'

export class PrioritisePhone extends PhoneStatements {}

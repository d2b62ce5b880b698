// The part of javascript-state-machine 3.x (no bundled types) that the engine's differential test uses.
declare module 'javascript-state-machine' {
  export interface TransitionConfig {
    name: string
    from?: string | string[]
    to?: string
  }
  export interface StateMachineConfig {
    init?: string
    transitions?: TransitionConfig[]
  }
  export default class StateMachine {
    constructor(config: StateMachineConfig)
    state: string
    is(state: string): boolean
    can(transition: string): boolean
    cannot(transition: string): boolean
    transitions(): string[]
    allStates(): string[]
    [transition: string]: unknown
  }
}

import { HttpError } from '../http'
import type { ApiModule, StackContext } from '../stack'

// placeholder until the realtime module lands
export function createRealtime(_ctx: StackContext): ApiModule {
  return {
    prefix: '/realtime/v1',
    async handle() {
      throw new HttpError(501, { message: 'realtime is not implemented yet in the local stack' })
    },
  }
}

import { HttpError } from '../http'
import type { ApiModule, StackContext } from '../stack'

// placeholder until the rest module lands
export function createRest(_ctx: StackContext): ApiModule {
  return {
    prefix: '/rest/v1',
    async handle() {
      throw new HttpError(501, { message: 'rest is not implemented yet in the local stack' })
    },
  }
}

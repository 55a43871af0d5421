// GET /h/<entry code>: the URL printed on a hospital's poster. WeChat and Alipay open the mini-program on it (plain-link
// rules registered for the prefix); any other scanner opens it here, and the server sends the browser to the H5
// build's hospital page (Taro's hash router), which asks the API about the code. Anything that is not a well-formed
// code goes to 首页 with `entry=invalid`, which says the code could not be read. No database lookup happens here:
// the page's API call answers unknown and revoked codes, under its own rate limit. Never cached, so that a changed
// target (a new build's page path) applies to every scan.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { H5_INVALID_ENTRY_LOCATION, h5HospitalLocation, isEntryCode } from '../../domain/entry-codes'

const routes: FastifyPluginAsync = async (app) => {
  // The location is built from a validated code or is fixed: nothing the scanner sent is reflected into it.
  const go = (reply: FastifyReply, code: string | undefined) => reply.header('cache-control', 'no-store')
    .redirect(isEntryCode(code) ? h5HospitalLocation(code) : H5_INVALID_ENTRY_LOCATION, 302)
  const hide = { schema: { hide: true } }

  app.get<{ Params: { code: string } }>('/h/:code', hide, async (req, reply) => go(reply, req.params.code))
  // `/h/<code>/` (a trailing slash some printers or hand-typed links add), `/h/`, and deeper paths.
  app.get<{ Params: { '*': string } }>('/h/*', hide, async (req, reply) => {
    const rest = req.params['*']
    return go(reply, rest.endsWith('/') ? rest.slice(0, -1) : undefined)
  })
  app.get('/h', hide, async (_req, reply) => go(reply, undefined))
}
export default routes

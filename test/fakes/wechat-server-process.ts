// Runs the fake WeChat server as a process of its own, for the layers whose tests are plain JavaScript (compiled
// weapp, browser): `tsx test/fakes/wechat-server-process.ts`. Prints one line, `fake wechat <url> control <url>`.
// The control endpoint (loopback) programs what the fake answers: POST /faces {verifyId, verifyRet} sets how a
// face check ends; POST /soter-devices {openid} gives that user a phone with a SOTER key, and POST /soter-sign
// {openid, json} signs a resultJSON with it (what the phone does); GET /calls lists the calls it received. wx.login codes `wx-new-<x>` and `wx-new-<x>.<n>` answer
// openid `o-new-<x>` (each code once, as WeChat: `.<n>` makes another code for the same account).
import { createServer } from 'node:http'
import { startWechatServer } from './wechat-server'

async function main (): Promise<void> {
  const fake = await startWechatServer({
    appId: process.env.FAKE_WECHAT_APPID ?? 'wx-fake-app',
    secret: process.env.FAKE_WECHAT_SECRET ?? 'wx-fake-secret',
    fallback: (code) => code.startsWith('wx-new-') ? { openid: `o-new-${code.slice(7).split('.')[0]}` } : { errcode: 40029 },
  })
  const devices = new Map<string, { sign: (json: string) => string }>()
  const control = createServer((req, res) => {
    let text = ''
    req.setEncoding('utf8').on('data', (c: string) => { text += c }).on('end', () => {
      const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)) }
      if (req.method === 'POST' && req.url === '/faces') {
        const { verifyId, verifyRet } = JSON.parse(text) as { verifyId: string; verifyRet: number }
        fake.faces.set(verifyId, { verifyRet })
        send(200, { ok: true })
      } else if (req.method === 'POST' && req.url === '/soter-devices') {
        const { openid } = JSON.parse(text) as { openid: string }
        void fake.soterDevice(openid).then((device) => {
          devices.set(openid, device)
          send(200, { ok: true })
        })
      } else if (req.method === 'POST' && req.url === '/soter-sign') {
        const { openid, json } = JSON.parse(text) as { openid: string; json: string }
        const device = devices.get(openid)
        if (!device) send(404, { error: 'no SOTER device for this openid' })
        else send(200, { signature: device.sign(json) })
      } else if (req.method === 'GET' && req.url === '/calls') {
        send(200, fake.calls.map((c) => ({ method: c.method, path: c.path })))
      } else {
        send(404, { error: 'unknown control call' })
      }
    })
  })
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve))
  const address = control.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`fake wechat ${fake.url} control http://127.0.0.1:${port}\n`)
  const stop = () => { control.close(); void fake.close().then(() => process.exit(0)) }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

void main()

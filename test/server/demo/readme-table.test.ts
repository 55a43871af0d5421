// The README's demo-person table is the generator's (server/demo/readme-table.ts); regenerate with
// `npx tsx scripts/demo-table.ts --write`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_PERSONS } from '../../../server/demo/generator'
import { README_END, README_START, renderDemoBanner, renderDemoPersonsTable, replaceReadmeBlock } from '../../../server/demo/readme-table'

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8')

test('README holds exactly the rendered table between its markers', () => {
  const block = readme.split(README_START)[1]?.split(README_END)[0]
  expect(block).toBeDefined()
  expect(block!.trim()).toBe(renderDemoPersonsTable().trim())
  expect(replaceReadmeBlock(readme)).toBe(readme)
})

test('the table has the agreed columns and one row per demo person with their login facts', () => {
  const lines = renderDemoPersonsTable().trim().split('\n')
  expect(lines[0]).toBe('| 序号 | 姓名 | 参保类型 | 参保地 | 手机号 | 身份证号 | 医保卡号 | 查询密码 | 开发登录码 |')
  expect(lines).toHaveLength(2 + DEMO_PERSONS.length)
  for (const [i, p] of DEMO_PERSONS.entries()) {
    const cells = lines[i + 2]!.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''))
    expect(cells).toEqual([String(p.n), p.name, expect.stringMatching(/医保/), expect.stringMatching(/[市区县]$/), p.phone, p.idNumber,
      p.cardNumber, p.queryPassword, `wx-demo-${p.n} / alipay-demo-${p.n}`])
  }
  expect(lines[2]).toContain('上海市徐汇区')
  expect(lines[3]).toContain('北京市朝阳区')
})

test('replaceReadmeBlock touches only the text between the markers and needs them', () => {
  const text = `before\n${README_START}\nold table\n${README_END}\nafter\n`
  const out = replaceReadmeBlock(text)
  expect(out.startsWith(`before\n${README_START}\n| 序号`)).toBe(true)
  expect(out.endsWith(`${README_END}\nafter\n`)).toBe(true)
  expect(out).not.toContain('old table')
  expect(() => replaceReadmeBlock('no markers')).toThrow()
})

test('the start banner names every demo person and the URL', () => {
  const banner = renderDemoBanner('http://127.0.0.1:12393')
  expect(banner).toContain('http://127.0.0.1:12393')
  for (const p of DEMO_PERSONS) expect(banner).toContain(p.wechatCode)
})

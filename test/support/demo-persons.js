// The demo persons as the README lists them (a server test keeps that table equal to the generator's output),
// for the JavaScript test layers that cannot import the TypeScript generator.
const { readFileSync } = require('node:fs')
const { join } = require('node:path')

function demoPersons () {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')
  const block = readme.split('<!-- demo-persons:start -->')[1]?.split('<!-- demo-persons:end -->')[0] ?? ''
  const rows = block.split('\n').filter((l) => l.trim().startsWith('|')).map((l) => l.trim().slice(1, -1).split('|').map((c) => c.trim().replace(/`/g, '')))
  const [header, , ...body] = rows
  if (!header) throw new Error('README has no demo-persons table')
  const col = (name) => { const i = header.findIndex((h) => h.includes(name)); if (i < 0) throw new Error(`no column ${name}`); return i }
  return body.map((r) => ({
    name: r[col('姓名')],
    phone: r[col('手机号')],
    insuranceType: r[col('参保类型')],
    region: r[col('参保地')],
    idNumber: r[col('身份证号')],
    cardNumber: r[col('医保卡号')],
    queryPassword: r[col('查询密码')],
  }))
}

module.exports = { demoPersons }

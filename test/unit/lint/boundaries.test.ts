/**
 * @jest-environment node
 */
// The one-way rules of eslint.config.mjs, shown refusing what they forbid: each case lints a few lines as if they were
// a file at a given place in the repository (nothing is written to disk) and names the rule and the message it must
// give. A new zone gets its cases here: one import it forbids, and one nearby that stays allowed.
import path from 'node:path'
import { ESLint } from 'eslint'

const ROOT = path.resolve(__dirname, '../../..')

interface Forbidden {
  /** What the case shows, as the test's name. */
  name: string
  /** Where the lines are linted as if they stood, relative to the repository root. */
  file: string
  code: string
  rule: string
  message: RegExp
}

interface Allowed {
  name: string
  file: string
  code: string
}

const NO_PATH = 'import-x/no-restricted-paths'

/** The client: the main package, the feature subpackages, the layers and the routes module. */
const CLIENT_FORBIDDEN: Forbidden[] = [
  {
    name: 'a main-package page imports a subpackage',
    file: 'src/pages/index/fixture.tsx',
    code: "import { spendingStore } from '../../packages/account/stores'\nexport const store = spendingStore",
    rule: NO_PATH,
    message: /The main package does not import a subpackage/,
  },
  {
    name: 'a main-package store imports a subpackage',
    file: 'src/stores/fixture.ts',
    code: "import { BindingStore } from '../packages/verify/stores/binding-store'\nexport const Store = BindingStore",
    rule: NO_PATH,
    message: /The main package does not import a subpackage/,
  },
  {
    name: 'the app imports a subpackage',
    file: 'src/app.ts',
    code: "import { hospitalStore } from './packages/hospital/stores'\nexport const store = hospitalStore",
    rule: NO_PATH,
    message: /The main package does not import a subpackage/,
  },
  {
    name: 'a shared component imports a subpackage',
    file: 'src/components/Fixture.tsx',
    code: "import { createShareApi } from '../packages/share/api'\nexport const api = createShareApi",
    rule: NO_PATH,
    message: /components\/ only draw what they are given/,
  },
  {
    name: 'a platform capability imports a subpackage',
    file: 'src/platform/fixture.ts',
    code: "import { createHospitalApi } from '../packages/hospital/api'\nexport const api = createHospitalApi",
    rule: NO_PATH,
    message: /platform\/ is the lowest layer/,
  },
  {
    name: 'the account subpackage imports the share subpackage',
    file: 'src/packages/account/pages/claim/fixture.tsx',
    code: "import { shareCreateStore } from '../../../share/stores/wiring'\nexport const store = shareCreateStore",
    rule: NO_PATH,
    message: /packages\/account imports no other subpackage/,
  },
  {
    name: 'the hospital subpackage imports the account subpackage',
    file: 'src/packages/hospital/components/Fixture.tsx',
    code: "import { claimsStore } from '../../account/stores'\nexport const store = claimsStore",
    rule: NO_PATH,
    message: /packages\/hospital imports no other subpackage/,
  },
  {
    name: 'the share subpackage imports the verify subpackage',
    file: 'src/packages/share/stores/fixture.ts',
    code: "import { verificationOf } from '../../verify/stores/verification-store'\nexport const of = verificationOf",
    rule: NO_PATH,
    message: /packages\/share imports no other subpackage/,
  },
  {
    name: 'the verify subpackage imports the hospital subpackage',
    file: 'src/packages/verify/pages/verify/fixture.tsx',
    code: "import { HospitalStore } from '../../../hospital/stores/hospital-store'\nexport const Store = HospitalStore",
    rule: NO_PATH,
    message: /packages\/verify imports no other subpackage/,
  },
  {
    name: 'a store imports a page',
    file: 'src/stores/fixture.ts',
    code: "import { toLogin } from '../pages/account-page'\nexport const go = toLogin",
    rule: NO_PATH,
    message: /stores\/ may not import pages or components/,
  },
  {
    name: 'a service imports a store',
    file: 'src/services/fixture.ts',
    code: "import { rootStore } from '../stores/index'\nexport const root = rootStore",
    rule: NO_PATH,
    message: /services\/ sits below stores and pages/,
  },
  {
    name: 'the routes module imports anything of the app',
    file: 'src/routes.ts',
    code: "import { formatFen } from './utils/money'\nexport const format = formatFen",
    rule: NO_PATH,
    message: /src\/routes\.ts is a leaf/,
  },
  {
    name: 'client code imports the server',
    file: 'src/services/fixture.ts',
    code: "import { buildApp } from '../../server/app'\nexport const app = buildApp",
    rule: NO_PATH,
    message: /Nothing of the server goes into a client bundle/,
  },
  {
    // Linted in the place of cooldown.ts, which session-store.ts imports: importing session-store back closes a loop.
    name: 'two modules import each other',
    file: 'src/stores/cooldown.ts',
    code: "import { SessionStore } from './session-store'\nexport const Store = SessionStore",
    rule: 'import-x/no-cycle',
    message: /Dependency cycle detected/,
  },
]

const CLIENT_ALLOWED: Allowed[] = [
  {
    name: 'a subpackage page imports the main package, the routes and its own stores',
    file: 'src/packages/account/pages/spending/fixture.tsx',
    code: [
      "import { rootStore } from '../../../../stores/index'",
      "import { HOME_PAGE } from '../../../../routes'",
      "import { spendingStore } from '../../stores'",
      'export const used = [rootStore, HOME_PAGE, spendingStore]',
    ].join('\n'),
  },
  {
    name: 'a main-package page opens a subpackage page by its address',
    file: 'src/pages/index/fixture.tsx',
    code: "import { BALANCE_PAGE } from '../../routes'\nexport const url = BALANCE_PAGE",
  },
  {
    name: 'two subpackages share what the main package holds',
    file: 'src/packages/share/stores/fixture.ts',
    code: "import { stageTone } from '../../../stores/claim-stages'\nexport const tone = stageTone",
  },
]

/** The server's layers: the cases of its zones join these lists. */
const SERVER_FORBIDDEN: Forbidden[] = [
  {
    name: 'the server imports client code',
    file: 'server/domain/fixture.ts',
    code: "import { rootStore } from '../../src/stores/index'\nexport const root = rootStore",
    rule: NO_PATH,
    message: /The server does not depend on client code/,
  },
]

const SERVER_ALLOWED: Allowed[] = [
  {
    name: 'a route imports the domain and the contract',
    file: 'server/routes/api/v1/fixture.ts',
    code: [
      "import { maskIdNumber } from '../../../domain/mask'",
      "import type { ErrorBody } from '../../../../types/api/common'",
      'export const used: [typeof maskIdNumber, ErrorBody | null] = [maskIdNumber, null]',
    ].join('\n'),
  },
]

const eslint = new ESLint({ cwd: ROOT })

async function lint (file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }))
}

describe('lint refuses an import across a boundary', () => {
  it.each([...CLIENT_FORBIDDEN, ...SERVER_FORBIDDEN])('$name', async ({ file, code, rule, message }) => {
    const messages = await lint(file, code)
    expect(messages).toEqual([{ ruleId: rule, message: expect.stringMatching(message) }])
  })
})

describe('lint lets the imports the layering allows through', () => {
  it.each([...CLIENT_ALLOWED, ...SERVER_ALLOWED])('$name', async ({ file, code }) => {
    expect(await lint(file, code)).toEqual([])
  })
})

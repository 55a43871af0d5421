// The new-password rules live on the server; the client checks them first with the same words. Kept in step here.
import fc from 'fast-check'
import { newPasswordError } from '../../../src/utils/validate'
import { newPasswordProblem } from '../../../server/domain/passwords'

const idNumber = '11010519491231002X'

test('the client says exactly what the server would, for any six digits and for the tricky ones', () => {
  const tricky = ['111111', '123456', '654321', '890123', '210987', '491231', '31002X'.replace('X', '0'), '012345', '135790', '1234567', '12a456']
  for (const pw of tricky) expect(newPasswordError(pw, idNumber)).toBe(newPasswordProblem(pw, idNumber))
  fc.assert(fc.property(fc.stringMatching(/^[0-9]{6}$/), (pw) => newPasswordError(pw, idNumber) === newPasswordProblem(pw, idNumber)))
})

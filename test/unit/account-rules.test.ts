import { householdId, normalizeDoorplate, rolesOnJoin } from '../../cloud/src/features/account/policy'
import { pagePath } from '../../src/routes'
import { roleLabels } from '../../src/features/account/labels'
import { sceneFromScanPath } from '../../src/features/account/pages/join/scene'

describe('doorplates', () => {
  test('spaces, full-width digits and 號 do not make two households of one door', () => {
    expect(normalizeDoorplate(' 新山村 东一巷１２號 ')).toBe('新山村东一巷12号')
    expect(householdId('v-xinshan', '新山村东一巷１２号')).toBe(householdId('v-xinshan', '新山村东一巷12号'))
    expect(householdId('v-xinshan', 'A-1')).not.toBe(householdId('v-wukan', 'A-1'))
  })
})

describe('roles on joining', () => {
  test('the household head represents a household that has no representative yet', () => {
    expect(rolesOnJoin('户主', false)).toEqual(['resident', 'householdRep'])
    expect(rolesOnJoin('户主', true)).toEqual(['resident'])
    expect(rolesOnJoin('子女', false)).toEqual(['resident'])
  })
  test('labels read 居民 in a community and add 党员', () => {
    expect(roleLabels({ roles: ['resident', 'householdRep'], partyMember: true }, 'community')).toEqual(['居民', '户代表', '党员'])
    expect(roleLabels({ roles: ['resident', 'committee'], partyMember: false })).toEqual(['村民', '村委会'])
  })
})

describe('routes', () => {
  test('page paths come from the one route table', () => {
    expect(pagePath('home')).toBe('/pages/home/index')
    expect(pagePath('account.join')).toBe('/features/account/pages/join/index')
  })
  test('the scene inside a scanned code is found and decoded', () => {
    expect(sceneFromScanPath('features/account/pages/join/index?scene=v%3Dxinshan')).toBe('v=xinshan')
    expect(sceneFromScanPath('pages/home/index')).toBeNull()
    expect(sceneFromScanPath(undefined)).toBeNull()
  })
})

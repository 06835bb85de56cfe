import { describe, expect, it } from 'vitest'
import { listParams, parseBrowserQuery, toBrowserQuery } from '@/features/organizations/browser-state'

describe('organisation browser URL state', () => {
  it('reads a deep link', () => {
    const state = parseBrowserQuery({ node: '17', page: '3', sort: '-name', size: '50', detail: '99' })
    expect(state).toMatchObject({ node: 17, page: 3, sort: '-name', size: 50, detail: 99 })
    expect(listParams(state, 17)).toEqual({ parentId: 17, page: 3, size: 50, sort: '-name' })
  })

  it('ignores values the API would reject', () => {
    const state = parseBrowserQuery({ node: 'abc', page: '0', sort: 'drop table', level: 'GALAXY', size: '7' })
    expect(state).toMatchObject({ node: null, page: 1, size: 20, sort: undefined, level: undefined })
  })

  it('searches the whole jurisdiction when a text or filter is set', () => {
    const state = parseBrowserQuery({ node: '17', q: ' 231203 ', level: 'VILLAGE' })
    expect(listParams(state, 17)).toEqual({ q: '231203', level: 'VILLAGE', page: 1, size: 20 })
  })

  it('writes only what differs from the defaults', () => {
    expect(toBrowserQuery({ node: 5, page: 1, size: 20, q: '王家', detail: null })).toEqual({ node: '5', q: '王家' })
  })
})

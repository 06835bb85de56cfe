import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/lib/i18n'
import {
  formatDate,
  formatDivisionCode,
  levelLabel,
  levelsBelow,
  orgTypeLabel,
  placeTypeLabel,
  roleLabel,
} from '@/lib/format'

describe('format', () => {
  const zh = createAppI18n('zh-CN').global.t
  const en = createAppI18n('en-US').global.t

  it('names levels, organisation types and place types in Chinese', () => {
    expect(levelLabel(zh, 'TOWNSHIP')).toBe('乡镇(街道)')
    expect(levelLabel(zh, 'VILLAGE')).toBe('村(社区)')
    expect(orgTypeLabel(zh, 'PARTY_COMMITTEE')).toBe('党委')
    expect(orgTypeLabel(zh, 'GENERAL_BRANCH')).toBe('党总支')
    expect(orgTypeLabel(zh, 'BRANCH')).toBe('党支部')
    expect(placeTypeLabel(zh, 'VILLAGE')).toBe('村')
    expect(placeTypeLabel(zh, 'COMMUNITY')).toBe('社区')
    expect(roleLabel(zh, 'county-admin')).toBe('县委组织部')
  })

  it('names them in English', () => {
    expect(levelLabel(en, 'COUNTY')).toBe('County')
    expect(orgTypeLabel(en, 'BRANCH')).toBe('Branch')
    expect(placeTypeLabel(en, 'COMMUNITY')).toBe('Community')
  })

  it('shows a dash for a missing value', () => {
    expect(placeTypeLabel(zh, null)).toBe('—')
    expect(levelLabel(zh, undefined)).toBe('—')
    expect(formatDate(null)).toBe('—')
    expect(formatDivisionCode(undefined)).toBe('—')
  })

  it('groups a division code as county, township, village', () => {
    expect(formatDivisionCode('231202101001')).toBe('231202 101 001')
    expect(formatDivisionCode('12345')).toBe('12345')
  })

  it('lists the levels below a level', () => {
    expect(levelsBelow('CITY')).toEqual(['COUNTY', 'TOWNSHIP', 'VILLAGE'])
    expect(levelsBelow('TOWNSHIP')).toEqual(['VILLAGE'])
    expect(levelsBelow('VILLAGE')).toEqual([])
  })

  it('shows API dates unchanged', () => {
    expect(formatDate('2021-07-01')).toBe('2021-07-01')
  })
})

import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useI18n } from 'vue-i18n'
import { ElConfigProvider, ElPagination } from 'element-plus'
import zhCN from '@/locales/zh-CN.json'
import enUS from '@/locales/en-US.json'
import App from '@/App.vue'
import { createAppI18n, setLocale } from '@/lib/i18n'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('i18n', () => {
  it('starts in Chinese', () => {
    const i18n = createAppI18n()
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(i18n.global.t('nav.organizations')).toBe('组织架构')
  })

  it('switches to English, remembers the choice and sets the document language', () => {
    const i18n = createAppI18n('zh-CN')
    setLocale('en-US', i18n)
    expect(i18n.global.t('nav.organizations')).toBe('Organisations')
    expect(i18n.global.t('level.TOWNSHIP')).toBe('Township')
    expect(document.documentElement.lang).toBe('en-US')
    expect(document.title).toBe('Bastion · Grading of village Party organisations')
    expect(window.localStorage.getItem('bastion.locale')).toBe('en-US')
    expect(createAppI18n().global.locale.value).toBe('en-US')
  })

  it('has the same keys in both languages', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort())
  })

  it('switches the Element Plus locale with the app locale', async () => {
    const i18n = createAppI18n('zh-CN')
    const Page = defineComponent(() => () => h(ElPagination, { total: 100, layout: 'total' }))
    const wrapper = mount(App, {
      global: { plugins: [i18n], stubs: { RouterView: Page } },
    })
    expect(wrapper.findComponent(ElConfigProvider).exists()).toBe(true)
    expect(wrapper.text()).toContain('共 100 条')
    setLocale('en-US', i18n)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('Total 100')
  })

  it('renders component text in the chosen language', async () => {
    const i18n = createAppI18n('zh-CN')
    const Label = defineComponent(() => {
      const { t } = useI18n()
      return () => h('span', t('header.logout'))
    })
    const wrapper = mount(Label, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toBe('退出登录')
    setLocale('en-US', i18n)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('Log out')
  })
})

import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN.json'
import enUS from '@/locales/en-US.json'

export const SUPPORTED_LOCALES = ['zh-CN', 'en-US'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
const STORAGE_KEY = 'bastion.locale'

type MessageSchema = typeof zhCN

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

function storedLocale(): AppLocale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    return isAppLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export function createAppI18n(locale: AppLocale = storedLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, 'en-US': enUS },
  })
}

export const i18n = createAppI18n()

/** Switches the UI language (Element Plus follows through the config provider) and remembers it. */
export function setLocale(locale: AppLocale, target = i18n) {
  target.global.locale.value = locale
  document.documentElement.lang = locale
  document.title = target.global.t('app.title')
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

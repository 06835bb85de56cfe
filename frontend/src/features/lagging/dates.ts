/** Today's date where the officials are (Asia/Shanghai), as YYYY-MM-DD: the year a new finding belongs to. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

export function currentYear(now: Date = new Date()): number {
  return Number(todayInChina(now).slice(0, 4))
}

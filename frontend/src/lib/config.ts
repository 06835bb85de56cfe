/** Runtime configuration, read from `/config.json` so that one build serves every environment. */
export interface RuntimeConfig {
  keycloakUrl: string
  realm: string
  clientId: string
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store' })
  if (!response.ok) {
    throw new Error(`/config.json: HTTP ${response.status}`)
  }
  const config = (await response.json()) as Partial<RuntimeConfig>
  for (const key of ['keycloakUrl', 'realm', 'clientId'] as const) {
    if (typeof config[key] !== 'string' || config[key] === '') {
      throw new Error(`/config.json: "${key}" is missing`)
    }
  }
  return config as RuntimeConfig
}

import { UserManager } from 'oidc-client-ts'

// Loaded in the hidden iframe of a silent renewal: hands the authorization response to the parent.
void new UserManager({ authority: '', client_id: '', redirect_uri: '' }).signinSilentCallback()

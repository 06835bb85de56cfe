package bastion.security;

import bastion.common.ProblemException;
import bastion.org.Organization;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: an official (a Keycloak user) or another government system (a client using
 * client credentials), their Bastion roles, and their {@link Jurisdiction}, resolved once per
 * request from the token's jurisdiction claim.
 */
@RequestScoped
public class Caller {

    public enum Kind { USER, SYSTEM }

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "bastion.security.jurisdiction-claim", defaultValue = "org_code")
    String jurisdictionClaim;

    private Jurisdiction jurisdiction;

    public String username() {
        String name = token.getClaim("preferred_username");
        if (isSystem()) {
            String clientId = token.getClaim("azp");
            if (clientId == null) {
                clientId = token.getClaim("client_id");
            }
            return clientId != null ? clientId : name;
        }
        return name != null ? name : identity.getPrincipal().getName();
    }

    /**
     * The name to show. Keycloak composes {@code name} as "given family", which is wrong for Chinese
     * names (张伟, not 伟 张): when the parts are Chinese they are joined family first, with no space.
     */
    public String displayName() {
        String given = token.getClaim("given_name");
        String family = token.getClaim("family_name");
        if (given != null && family != null && (isHan(given) || isHan(family))) {
            return family + given;
        }
        return token.getClaim("name");
    }

    private static boolean isHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    public boolean isSystem() {
        return identity.hasRole(Roles.GOV_SYSTEM);
    }

    public Kind kind() {
        return isSystem() ? Kind.SYSTEM : Kind.USER;
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public List<String> roles() {
        return Roles.ALL.stream().filter(identity::hasRole).toList();
    }

    public List<String> scopes() {
        String scope = token.getClaim("scope");
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return Arrays.stream(scope.trim().split("\\s+")).sorted().toList();
    }

    /** The caller's jurisdiction; a token without a known organisation gets no access at all. */
    public Jurisdiction jurisdiction() {
        if (jurisdiction == null) {
            Object claim = token.getClaim(jurisdictionClaim);
            String code = claim == null ? null : claim.toString();
            Organization root = code == null ? null : Organization.findByCode(code);
            if (root == null) {
                throw ProblemException.forbidden("您的账号未关联任何党组织 / Your account is not bound to an organisation");
            }
            jurisdiction = Jurisdiction.of(root);
        }
        return jurisdiction;
    }
}

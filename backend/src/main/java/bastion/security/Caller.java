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
            Jurisdiction found = code == null ? null : byCode(code);
            if (found == null) {
                throw ProblemException.forbidden("您的账号未关联任何党组织 / Your account is not bound to an organisation");
            }
            jurisdiction = found;
        }
        return jurisdiction;
    }

    /** How long a resolved jurisdiction is reused for other requests with the same organisation code. */
    static final long JURISDICTION_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private static final int JURISDICTION_CACHE_MAX = 10_000;

    private record CachedJurisdiction(Jurisdiction jurisdiction, long expiresAt) {}

    private static final java.util.concurrent.ConcurrentHashMap<String, CachedJurisdiction> JURISDICTIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The jurisdiction of an organisation code, from a short-lived cache (organisations and their
     * paths change rarely; a change shows within {@link #JURISDICTION_TTL_NANOS}, or at once after
     * {@link #forgetJurisdictions}). Unknown codes are not cached: they are looked up every time.
     */
    private static Jurisdiction byCode(String code) {
        long now = System.nanoTime();
        CachedJurisdiction cached = JURISDICTIONS.get(code);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.jurisdiction();
        }
        Organization root = Organization.findByCode(code);
        if (root == null) {
            JURISDICTIONS.remove(code);
            return null;
        }
        if (JURISDICTIONS.size() >= JURISDICTION_CACHE_MAX) {
            JURISDICTIONS.clear();
        }
        Jurisdiction j = Jurisdiction.of(root);
        JURISDICTIONS.put(code, new CachedJurisdiction(j, now + JURISDICTION_TTL_NANOS));
        return j;
    }

    /** Drops every cached jurisdiction: to call after an organisation's code, path or level changes. */
    public static void forgetJurisdictions() {
        JURISDICTIONS.clear();
    }
}

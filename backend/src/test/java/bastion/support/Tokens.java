package bastion.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Access tokens signed by the WireMock OIDC server's key (quarkus-test-oidc-server), shaped like
 * the Bastion Keycloak realm's: realm roles under realm_access.roles, the jurisdiction in org_code,
 * audience bastion-api. The backend verifies them against the server's published keys.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";

    /** Demo-city organisation codes (see bastion.demo and keycloak/realm.json). */
    public static final String CITY = "P231200000000";
    public static final String COUNTY_1 = "P231202000000";
    public static final String COUNTY_2 = "P231203000000";
    public static final String TOWNSHIP_1 = "P231202101000";
    public static final String TOWNSHIP_2 = "P231203101000";

    private Tokens() {}

    public static String user(String username, String orgCode, String... roles) {
        return builder(username, orgCode, roles).sign("privateKey.jwk");
    }

    public static String townshipOfficial() {
        return user("township.official", TOWNSHIP_1, "township-official");
    }

    public static String countyAdmin() {
        return user("county.admin", COUNTY_1, "county-admin");
    }

    public static String cityAdmin() {
        return user("city.admin", CITY, "city-admin");
    }

    public static String auditor() {
        return user("county.auditor", COUNTY_1, "auditor");
    }

    /** Another government system: client credentials, a service account with role gov-system. */
    public static String govSystem() {
        return Jwt.issuer(ISSUER)
                .audience("bastion-api")
                .subject("service-account-bastion-gov")
                .claim("preferred_username", "service-account-bastion-gov")
                .claim("azp", "bastion-gov")
                .claim("scope", "bastion.read profile")
                .claim("org_code", CITY)
                .claim("realm_access", Map.of("roles", List.of("gov-system")))
                .sign("privateKey.jwk");
    }

    public static JwtClaimsBuilder builder(String username, String orgCode, String... roles) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience("bastion-api")
                .subject("sub-" + username)
                .claim("preferred_username", username)
                .claim("name", "测试用户 " + username)
                .claim("azp", "bastion-spa")
                .claim("scope", "openid profile")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now())
                .expiresIn(300);
        if (orgCode != null) {
            builder.claim("org_code", orgCode);
        }
        return builder;
    }
}

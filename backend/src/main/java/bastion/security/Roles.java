package bastion.security;

/** The realm roles of the Bastion Keycloak realm. */
public final class Roles {
    public static final String TOWNSHIP_OFFICIAL = "township-official";
    public static final String COUNTY_ADMIN = "county-admin";
    public static final String CITY_ADMIN = "city-admin";
    public static final String AUDITOR = "auditor";
    /** Another government system using the client-credentials grant. */
    public static final String GOV_SYSTEM = "gov-system";

    public static final java.util.List<String> ALL = java.util.List.of(TOWNSHIP_OFFICIAL, COUNTY_ADMIN, CITY_ADMIN, AUDITOR, GOV_SYSTEM);

    private Roles() {}
}

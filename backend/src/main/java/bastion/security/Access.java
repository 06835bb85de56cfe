package bastion.security;

import bastion.common.ProblemException;
import bastion.org.Organization;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who may change what, in one place (reads are bounded by {@link Jurisdiction}). Each check
 * throws 403 with the reason; an object outside the caller's sight is a 404 before it gets here.
 */
@RequestScoped
public class Access {

    @Inject
    Caller caller;

    /** City admins manage the city's rule sets and cycles; county admins their county's. */
    public void requireAdminOf(Organization jurisdiction) {
        boolean inScope = caller.jurisdiction().covers(jurisdiction);
        boolean allowed = inScope && switch (jurisdiction.level) {
            case CITY -> caller.has(Roles.CITY_ADMIN);
            case COUNTY -> caller.has(Roles.CITY_ADMIN) || caller.has(Roles.COUNTY_ADMIN);
            default -> false;
        };
        if (!allowed) {
            throw ProblemException.forbidden("只有" + (jurisdiction.level == Organization.Level.CITY ? "市委组织部" : "县委组织部")
                    + "管理员可以操作 / Only the " + jurisdiction.level.name().toLowerCase() + " administrators may do this");
        }
    }

    /** Rule sets are managed where they belong: city admins for the city, county admins for their county. */
    public void requireRuleSetAdminOf(Organization jurisdiction) {
        boolean inScope = caller.jurisdiction().covers(jurisdiction);
        boolean allowed = inScope && ((jurisdiction.level == Organization.Level.CITY && caller.has(Roles.CITY_ADMIN))
                || (jurisdiction.level == Organization.Level.COUNTY && caller.has(Roles.COUNTY_ADMIN)));
        if (!allowed) {
            throw ProblemException.forbidden("市级规则由市委组织部管理, 县级规则由县委组织部管理 / City rule sets are managed by city admins, county rule sets by that county's admins");
        }
    }

    public enum ScorecardWrite { OPEN_ENTRY, CORRECTION, NONE }

    /**
     * How the caller may write a scorecard of an organisation in their scope: township officials
     * and county admins while the cycle is OPEN; only county admins, as an audited correction,
     * while it is LOCKED; nobody once PUBLISHED.
     */
    public ScorecardWrite scorecardWrite(String cycleState) {
        boolean official = caller.has(Roles.TOWNSHIP_OFFICIAL);
        boolean county = caller.has(Roles.COUNTY_ADMIN);
        return switch (cycleState) {
            case "OPEN" -> official || county ? ScorecardWrite.OPEN_ENTRY : ScorecardWrite.NONE;
            case "LOCKED" -> county ? ScorecardWrite.CORRECTION : ScorecardWrite.NONE;
            default -> ScorecardWrite.NONE;
        };
    }
}

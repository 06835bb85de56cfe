package bastion.org;

import java.time.LocalDate;
import java.util.List;

/** The organisation shapes of the API contract (openapi.yaml). */
public final class OrganizationDtos {

    private OrganizationDtos() {}

    public record OrganizationRef(long id, String code, String name, Organization.Level level) {
        public static OrganizationRef of(Organization o) {
            return new OrganizationRef(o.id, o.code, o.name, o.level);
        }
    }

    public record OrganizationView(long id, String code, String name, String placeName, Organization.Level level,
            Organization.OrgType orgType, Organization.PlaceType placeType, Long parentId, String divisionCode,
            String countyCode, int childCount, boolean graded) {

        public static OrganizationView of(Organization o, long childCount) {
            return new OrganizationView(o.id, o.code, o.name, o.placeName, o.level, o.orgType, o.placeType, o.parentId,
                    o.divisionCode, o.countyCode, (int) childCount, o.graded);
        }
    }

    public record DivisionCodeValidity(String code, LocalDate validFrom, LocalDate validTo) {}

    public record OrganizationDetail(long id, String code, String name, String placeName, Organization.Level level,
            Organization.OrgType orgType, Organization.PlaceType placeType, Long parentId, String divisionCode,
            String countyCode, int childCount, boolean graded, List<OrganizationRef> ancestors,
            List<DivisionCodeValidity> divisionCodes) {

        public static OrganizationDetail of(OrganizationView v, List<OrganizationRef> ancestors, List<DivisionCodeValidity> codes) {
            return new OrganizationDetail(v.id(), v.code(), v.name(), v.placeName(), v.level(), v.orgType(), v.placeType(),
                    v.parentId(), v.divisionCode(), v.countyCode(), v.childCount(), v.graded(), ancestors, codes);
        }
    }
}

package bastion.org;

/** The filters, page and order of an organisation list, already validated. */
public record OrganizationQuery(Long parentId, Long under, Organization.Level level, Organization.OrgType orgType,
        Organization.PlaceType placeType, String text, int page, int size, String sort) {

    public static final java.util.List<String> SORTS = java.util.List.of("divisionCode", "-divisionCode", "name", "-name", "code", "-code");
}

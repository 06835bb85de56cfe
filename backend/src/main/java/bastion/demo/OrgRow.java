package bastion.demo;

/**
 * One row of table {@code organization} as the demo generator produces it (columns {@code version}
 * and {@code created_at} are left to their database defaults).
 *
 * @param id           stable id, 1..N in tree order (pre-order: city, county, township, villages)
 * @param code         {@code P} + the division code the organisation had when it was created
 * @param name         the organisation's name, e.g. 王家村党支部
 * @param placeName    the place's name, e.g. 王家村
 * @param placeType    {@code null} unless {@code level == VILLAGE}
 * @param parentId     {@code null} for a city
 * @param path         ids from the root down, e.g. {@code /1/2/3/7/}
 * @param depth        0 (city) .. 3 (village)
 * @param countyCode   first 6 digits of the county's division code (the city's own for a city)
 * @param divisionCode the current 12-digit division code
 * @param graded       {@code level == VILLAGE}
 */
public record OrgRow(
        long id,
        String code,
        String name,
        String placeName,
        Level level,
        OrgType orgType,
        PlaceType placeType,
        Long parentId,
        String path,
        int depth,
        String countyCode,
        String divisionCode,
        boolean graded) {

    /** Values of column {@code organization.level}. */
    public enum Level { CITY, COUNTY, TOWNSHIP, VILLAGE }

    /** Values of column {@code organization.org_type}: 党委, 党总支, 党支部. */
    public enum OrgType { PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH }

    /** Values of column {@code organization.place_type}: 村, 社区. */
    public enum PlaceType { VILLAGE, COMMUNITY }
}

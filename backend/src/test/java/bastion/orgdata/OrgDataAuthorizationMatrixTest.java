package bastion.orgdata;

import static io.restassured.RestAssured.given;

import bastion.support.Matrix;
import bastion.support.Matrix.Operation;
import bastion.support.OrgData;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of tag organization-data × the five roles, on a village of township
 * P231202202000 (county 1): everyone in scope reads; township officials, county and city admins
 * write; auditors and other systems get 403. Out-of-scope targets are in OrgDataApiTest (404).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrgDataAuthorizationMatrixTest {

    static final String TOWNSHIP = "P231202202000";

    @Inject
    EntityManager em;

    /** The five kinds of caller, all of whose jurisdiction contains {@link #TOWNSHIP}. */
    static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("township-official", Tokens.user("township202.official", TOWNSHIP, "township-official"));
        roles.put("county-admin", Tokens.countyAdmin());
        roles.put("city-admin", Tokens.cityAdmin());
        roles.put("auditor", Tokens.auditor());
        roles.put("gov-system", Tokens.govSystem());
        return roles;
    }


    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void everyOperationByEveryRole() {
        long village = OrgData.villagesOf(em, TOWNSHIP).get(1);
        String base = "/api/v1/organizations/" + village;
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        String admin = Tokens.countyAdmin();
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");
        List<String> writers = List.of("township-official", "county-admin", "city-admin");

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("listPosts", t -> as(t).get(base + "/posts").statusCode(), everyone));
        ops.add(new Operation("putPost", t -> {
            String tag = OrgData.postTag(admin, village, "DEPUTY_SECRETARY");
            var spec = as(t).body(OrgData.holder("王五", yesterday.minusYears(2)));
            if (tag != null) {
                spec.header("If-Match", tag);
            }
            return spec.put(base + "/posts/DEPUTY_SECRETARY").statusCode();
        }, writers));
        ops.add(new Operation("listMeetings", t -> as(t).get(base + "/meetings").statusCode(), everyone));
        ops.add(new Operation("recordMeeting", t -> as(t).body(OrgData.meeting("THEME_DAY", yesterday)).post(base + "/meetings").statusCode(),
                writers));
        ops.add(new Operation("deleteMeeting", t -> {
            long meeting = OrgData.recordMeeting(admin, village, "THEME_DAY", yesterday);
            return as(t).queryParam("reason", "重复录入 / entered twice").delete(base + "/meetings/" + meeting).statusCode();
        }, writers));
        ops.add(new Operation("getVenue", t -> as(t).get(base + "/venue").statusCode(), everyone));
        ops.add(new Operation("putVenue", t -> {
            String tag = OrgData.venueTag(admin, village);
            var spec = as(t).body(OrgData.venue(LocalDate.of(2019, 5, 1)));
            if (tag != null) {
                spec.header("If-Match", tag);
            }
            return spec.put(base + "/venue").statusCode();
        }, writers));

        Matrix.verify(roles(), ops, "organization-data");
    }
}

package bastion.rectification;

import static bastion.rectification.Plans.BASE;
import static bastion.rectification.Plans.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import bastion.common.Today;
import bastion.support.Matrix;
import bastion.support.Matrix.Operation;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every operation of tag {@code rectification} × the five roles, on plans inside the caller's
 * jurisdiction (allowed → 2xx, others → 403), and every operation on a plan outside it (404).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RectificationAuthorizationTest {

    @Inject
    RectificationFixtures fixtures;

    @Inject
    Today today;

    @org.junit.jupiter.api.BeforeEach
    void township() {
        Plans.useTownship(RectificationFixtures.TOWNSHIP_B);
    }

    /** The five kinds of caller, all of whose jurisdiction contains the test township. */
    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("township-official", Plans.township());
        roles.put("county-admin", Plans.county());
        roles.put("city-admin", Tokens.cityAdmin());
        roles.put("auditor", Plans.auditor());
        roles.put("gov-system", Tokens.govSystem());
        return roles;
    }


    /**
     * A fixture used until a call succeeds with it (a refused call changes nothing, so the next
     * role may use the same one); then a fresh one is made.
     */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }

        int use(Function<T, Integer> call) {
            int status = call.apply(get());
            if (status >= 200 && status < 300) {
                value = null;
            }
            return status;
        }
    }

    private List<Operation> operations() {
        LocalDate day = today.date();
        long township = fixtures.idOf(RectificationFixtures.TOWNSHIP_B);
        long shared = Plans.createId(fixtures.freshVillage("C01")[0], day.minusDays(5));
        long sharedOrg = Plans.get(Plans.county(), shared).jsonPath().getLong("organization.id");
        long sharedTask = Plans.addTask(Plans.township(), shared, Plans.task(day, null, null)).jsonPath().getLong("id");
        Lazy<Long> village = new Lazy<>(() -> fixtures.freshVillage("C02")[0]);
        String[] codes = {"C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10"};
        int[] next = {0};
        Lazy<Long> laterFinding = new Lazy<>(() -> fixtures.confirmed(sharedOrg, codes[next[0]++]));
        Lazy<Long> ready = new Lazy<>(() -> {
            long plan = Plans.createId(fixtures.freshVillage("C02")[0], day);
            Plans.doneTask(plan, day);
            return plan;
        });
        Lazy<Long> accepted = new Lazy<>(() -> Plans.acceptedPlan(fixtures.freshVillage("C02")[0], day));
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");
        List<String> keepers = List.of("township-official", "county-admin");
        List<String> county = List.of("county-admin");

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("listPlans", t -> as(t).queryParam("under", township).get(BASE).statusCode(), everyone));
        ops.add(new Operation("getPlan", t -> Plans.get(t, shared).statusCode(), everyone));
        ops.add(new Operation("listOverdue", t -> as(t).queryParam("under", township).get("/api/v1/rectification-overdue").statusCode(),
                everyone));
        ops.add(new Operation("createPlan", t -> village.use(v -> as(t).body(Plans.planBody(v, day)).post(BASE).statusCode()), keepers));
        ops.add(new Operation("updatePlan", t -> as(t).header("If-Match", Plans.etag(shared))
                .body(Map.of("linkedLeader", Map.of("name", "赵立新", "title", "县委副书记"))).put(BASE + "/" + shared).statusCode(), keepers));
        ops.add(new Operation("addTask", t -> Plans.addTask(t, shared, Plans.task(day, null, null)).statusCode(), keepers));
        ops.add(new Operation("updateTask", t -> {
            long revision = Plans.get(Plans.county(), shared).jsonPath().getLong("tasks.find { it.id == " + sharedTask + " }.revision");
            return as(t).header("If-Match", "\"" + revision + "\"").body(Plans.task(day, "IN_PROGRESS", null))
                    .put(BASE + "/" + shared + "/tasks/" + sharedTask).statusCode();
        }, keepers));
        ops.add(new Operation("recordVisit", t -> Plans.visit(t, shared, day).statusCode(), keepers));
        ops.add(new Operation("attachFinding", t -> laterFinding.use(f -> as(t).body(Map.of("findingId", f))
                .post(BASE + "/" + shared + "/findings").statusCode()), keepers));
        ops.add(new Operation("acceptPlan", t -> ready.use(p -> Plans.accept(t, p, Plans.etag(p), Plans.rating("100", 3, 3)).statusCode()),
                county));
        ops.add(new Operation("clearPlan", t -> accepted.use(p -> Plans.clear(t, p, Plans.etag(p)).statusCode()), county));
        return ops;
    }

    @Test
    void everyOperationByEveryRole() {
        Matrix.verify(roles(), operations(), "rectification");
    }

    @Test
    void outOfScopeAnswers404LikeAMissingPlan() {
        LocalDate day = today.date();
        long[] v = fixtures.freshVillage("C01");
        long plan = Plans.createId(v[0], day.minusDays(2));
        long task = Plans.addTask(Plans.township(), plan, Plans.task(day, null, null)).jsonPath().getLong("id");
        long later = fixtures.confirmed(v[0], "C02");
        String etag = Plans.etag(plan);
        String otherTownship = Tokens.user("rect.other", RectificationFixtures.OTHER_TOWNSHIP, "township-official");
        String otherCounty = Tokens.countyAdmin();
        String otherAuditor = Tokens.auditor();

        for (String token : List.of(otherTownship, otherCounty, otherAuditor)) {
            assertEquals(404, Plans.get(token, plan).statusCode());
            assertEquals(404, as(token).queryParam("under", v[0]).get(BASE).statusCode());
            assertEquals(404, as(token).queryParam("under", v[0]).get("/api/v1/rectification-overdue").statusCode());
            assertFalse(as(token).queryParam("size", "200").get(BASE).jsonPath().getList("items.id").contains((int) plan));
        }
        for (String token : List.of(otherTownship, otherCounty)) {
            assertEquals(404, as(token).header("If-Match", etag).body(Map.of("linkedLeader", Map.of("name", "某", "title", "某")))
                    .put(BASE + "/" + plan).statusCode());
            assertEquals(404, Plans.addTask(token, plan, Plans.task(day, null, null)).statusCode());
            assertEquals(404, as(token).header("If-Match", "\"1\"").body(Plans.task(day, "IN_PROGRESS", null))
                    .put(BASE + "/" + plan + "/tasks/" + task).statusCode());
            assertEquals(404, Plans.visit(token, plan, day).statusCode());
            assertEquals(404, as(token).body(Map.of("findingId", later)).post(BASE + "/" + plan + "/findings").statusCode());
        }
        Plans.doneTask(plan, day);
        assertEquals(404, Plans.accept(otherCounty, plan, Plans.etag(plan), Plans.rating("100", 1, 1)).statusCode());
        // creating a plan for an organisation outside the jurisdiction: 400 on the field, like a missing one
        long[] foreign = fixtures.freshVillage("C03");
        Response create = as(otherTownship).body(Plans.planBody(foreign[0], day)).post(BASE);
        assertEquals(400, create.statusCode());
        assertEquals(List.of("organizationId"), Plans.fields(create));
        assertEquals(400, as(otherTownship).body(Plans.planBody(999_999_999L, day)).post(BASE).statusCode());
        assertEquals("CONFIRMED", fixtures.state(foreign[1]));
        // a missing plan and a task of another plan
        assertEquals(404, Plans.get(Plans.county(), 999_999_999L).statusCode());
        long otherPlan = Plans.createId(foreign[0], day);
        assertEquals(404, as(Plans.township()).header("If-Match", "\"1\"").body(Plans.task(day, null, null))
                .put(BASE + "/" + otherPlan + "/tasks/" + task).statusCode());
        // nothing changed on the plan
        assertEquals(etag, Plans.etag(plan));
        assertEquals("RECTIFYING", fixtures.state(v[1]));
        assertEquals("CONFIRMED", fixtures.state(later));
        // the township's own official and the county see it
        assertEquals(200, Plans.get(Plans.township(), plan).statusCode());
        assertEquals(200, Plans.get(Tokens.cityAdmin(), plan).statusCode());
    }
}

package bastion.rectification;

import static bastion.rectification.Plans.BASE;
import static bastion.rectification.Plans.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.common.Today;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Rectification plans (DOMAIN §3): the plan's state machine RECTIFYING → ACCEPTED → CLEARED and
 * the findings moved alongside, acceptance thresholds at their edges, overdue tasks and visit
 * months, follow-up, concurrency and validation. Dates are relative to {@link Today}.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RectificationTest {

    @Inject
    RectificationFixtures fixtures;

    @Inject
    Today today;

    @org.junit.jupiter.api.BeforeEach
    void township() {
        Plans.useTownship(RectificationFixtures.TOWNSHIP);
    }

    private LocalDate day() {
        return today.date();
    }

    @Test
    void creatingAPlanMovesEveryConfirmedFindingToRectifying() {
        long[] v = fixtures.freshVillage("C01", "C04");
        long suspected = fixtures.suspected(v[0], "C09");
        Response r = Plans.create(v[0], day().minusDays(3));
        assertEquals(201, r.statusCode(), r.asString());
        long plan = r.jsonPath().getLong("id");
        assertEquals("\"" + r.jsonPath().getLong("revision") + "\"", r.header("ETag"));
        assertEquals(BASE + "/" + plan, java.net.URI.create(r.header("Location")).getPath());
        JsonPath body = r.jsonPath();
        assertEquals("RECTIFYING", body.getString("state"));
        assertEquals(List.of("ACCEPT"), body.getList("allowedActions"));
        assertEquals(RectificationFixtures.TOWNSHIP, body.getString("township.code"));
        assertEquals("李建国", body.getString("linkedLeader.name"));
        assertEquals("县农业农村局", body.getString("firstSecretary.unit"));
        assertEquals(List.of("C01", "C04"), body.getList("findings.code"));
        assertEquals(List.of("RECTIFYING", "RECTIFYING"), body.getList("findings.state"));
        for (int i = 1; i <= 2; i++) {
            assertEquals("RECTIFYING", fixtures.state(v[i]));
            List<String> events = fixtures.events(v[i]);
            assertEquals("RECTIFY CONFIRMED→RECTIFYING: 制定整顿方案 / rectification plan " + plan + " created", events.get(events.size() - 1));
        }
        assertEquals("SUSPECTED", fixtures.state(suspected), "a suspicion is not part of the plan");

        // one active plan per organisation
        Response again = Plans.create(v[0], day());
        assertEquals(409, again.statusCode());
        assertEquals(plan, again.jsonPath().getLong("existingPlanId"));
    }

    @Test
    void aPlanNeedsAConfirmedFinding() {
        long[] v = fixtures.freshVillage();
        fixtures.suspected(v[0], "C02");
        Response r = Plans.create(v[0], day());
        assertEquals(409, r.statusCode(), r.asString());
        assertTrue(r.jsonPath().getString("detail").contains("CONFIRMED"));
    }

    @Test
    void planInputIsValidatedPerField() {
        long[] v = fixtures.freshVillage("C01");
        Map<String, Object> body = Plans.planBody(v[0], day().plusDays(1));
        Response r = as(Plans.township()).body(body).post(BASE);
        assertEquals(400, r.statusCode());
        assertEquals(List.of("startedOn"), Plans.fields(r));
        body = Plans.planBody(v[0], day());
        body.put("linkedLeader", Map.of("name", " ", "title", "部长"));
        body.put("reason", "");
        r = as(Plans.township()).body(body).post(BASE);
        assertEquals(400, r.statusCode());
        assertEquals(List.of("linkedLeader.name", "reason"), Plans.fields(r).stream().distinct().sorted().toList());
        body = Plans.planBody(v[0], day());
        body.put("startedOn", "2026-02-30");
        r = as(Plans.township()).body(body).post(BASE);
        assertEquals(400, r.statusCode());
        assertEquals(List.of("startedOn"), Plans.fields(r));
        assertEquals("CONFIRMED", fixtures.state(v[1]), "nothing half-written");
    }

    @Test
    void acceptanceThenClearanceMoveTheFindingsAndStartTheFollowUp() {
        long[] v = fixtures.freshVillage("C03");
        long plan = Plans.createId(v[0], day().minusDays(10));
        Plans.doneTask(plan, day());
        JsonPath accepted = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("85.5", 40, 36)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("ACCEPTED", accepted.getString("state"));
        assertEquals(day().toString(), accepted.getString("acceptedOn"));
        assertEquals(List.of("CLEAR"), accepted.getList("allowedActions"));
        assertEquals("PASSED", accepted.getString("acceptances[0].result"));
        assertEquals("rect.county", accepted.getString("acceptances[0].decidedBy"));
        assertEquals("90", accepted.getString("acceptances[0].satisfactionPercent"));
        assertEquals("ACCEPTED", fixtures.state(v[1]));
        List<String> events = fixtures.events(v[1]);
        assertTrue(events.get(events.size() - 1).startsWith("ACCEPT RECTIFYING→ACCEPTED: 整顿验收通过 (方案 " + plan + ")"), events.toString());

        Response cleared = Plans.clear(Plans.county(), plan, Plans.etag(plan));
        assertEquals(200, cleared.statusCode(), cleared.asString());
        JsonPath c = cleared.jsonPath();
        int months = c.getInt("settings.followUpMonths");
        assertEquals("CLEARED", c.getString("state"));
        assertEquals(List.of(), c.getList("allowedActions"));
        assertEquals(day().toString(), c.getString("clearance.clearedOn"));
        assertEquals(months, c.getInt("clearance.followUpMonths"));
        assertEquals(day().plusMonths(months).toString(), c.getString("followUpUntil"));
        assertTrue(c.getBoolean("underFollowUp"));
        assertEquals("CLEARED", fixtures.state(v[1]));
        events = fixtures.events(v[1]);
        assertTrue(events.get(events.size() - 1).startsWith("CLEAR ACCEPTED→CLEARED: 整顿销号"), events.toString());

        // listed under follow-up; a new plan may be made once the organisation has a new confirmed finding
        JsonPath list = as(Plans.auditor()).queryParam("followUp", "true").queryParam("under", v[0]).get(BASE).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of((int) plan), list.getList("items.id"));
        assertEquals(day().plusMonths(months).toString(), list.getString("items[0].followUpUntil"));
        assertEquals(List.of(), as(Plans.auditor()).queryParam("followUp", "false").queryParam("under", v[0]).get(BASE).jsonPath()
                .getList("items"));
        fixtures.confirmed(v[0], "C05");
        assertEquals(201, Plans.create(v[0], day()).statusCode());
    }

    @Test
    void transitionsAllowedOnlyFromTheirState() {
        long[] v = fixtures.freshVillage("C01");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        // RECTIFYING: clearance refused
        Response r = Plans.clear(Plans.county(), plan, Plans.etag(plan));
        assertEquals(409, r.statusCode());
        assertEquals("RECTIFYING", r.jsonPath().getString("state"));
        assertEquals(List.of("ACCEPT"), r.jsonPath().getList("allowedActions"));
        // ACCEPTED: acceptance refused, changes refused
        Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("100", 2, 2)).then().statusCode(200);
        r = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 2, 2));
        assertEquals(409, r.statusCode());
        assertEquals("ACCEPTED", r.jsonPath().getString("state"));
        assertEquals(List.of("CLEAR"), r.jsonPath().getList("allowedActions"));
        r = Plans.addTask(Plans.township(), plan, Plans.task(day(), null, null));
        assertEquals(409, r.statusCode());
        assertEquals("ACCEPTED", r.jsonPath().getString("state"));
        assertEquals(409, Plans.visit(Plans.township(), plan, day()).statusCode());
        // CLEARED: nothing more
        Plans.clear(Plans.county(), plan, Plans.etag(plan)).then().statusCode(200);
        for (Response again : List.of(Plans.clear(Plans.county(), plan, Plans.etag(plan)),
                Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 2, 2)))) {
            assertEquals(409, again.statusCode());
            assertEquals("CLEARED", again.jsonPath().getString("state"));
            assertEquals(List.of(), again.jsonPath().getList("allowedActions"));
        }
        assertEquals("CLEARED", fixtures.state(v[1]));
    }

    @Test
    void acceptanceAndClearanceByRole() {
        long[] v = fixtures.freshVillage("C02");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        String etag = Plans.etag(plan);
        for (String token : List.of(Plans.township(), Tokens.cityAdmin(), Plans.auditor(), Tokens.govSystem())) {
            assertEquals(403, Plans.accept(token, plan, etag, Plans.rating("90", 2, 2)).statusCode());
        }
        assertEquals(404, Plans.accept(Tokens.countyAdmin(), plan, etag, Plans.rating("90", 2, 2)).statusCode(), "another county's admin");
        assertEquals("RECTIFYING", Plans.get(Plans.county(), plan).jsonPath().getString("state"));
        Plans.accept(Plans.county(), plan, etag, Plans.rating("90", 2, 2)).then().statusCode(200);
        etag = Plans.etag(plan);
        for (String token : List.of(Plans.township(), Tokens.cityAdmin(), Plans.auditor(), Tokens.govSystem())) {
            assertEquals(403, Plans.clear(token, plan, etag).statusCode());
        }
        assertEquals(404, Plans.clear(Tokens.countyAdmin(), plan, etag).statusCode());
        assertEquals("ACCEPTED", Plans.get(Plans.county(), plan).jsonPath().getString("state"));
        Plans.clear(Plans.county(), plan, etag).then().statusCode(200);
    }

    @Test
    void acceptanceRefusedWhileATaskIsNotDone() {
        long[] v = fixtures.freshVillage("C04");
        long plan = Plans.createId(v[0], day().minusDays(5));
        Response noTask = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 2, 2));
        assertEquals(409, noTask.statusCode(), "a plan without tasks cannot be accepted");
        long done = Plans.doneTask(plan, day());
        long open = Plans.addTask(Plans.township(), plan, Plans.task(day().plusDays(5), "IN_PROGRESS", null)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Response r = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 2, 2));
        assertEquals(409, r.statusCode());
        assertEquals(List.of((int) open), r.jsonPath().getList("unfinishedTaskIds"));
        assertTrue(r.jsonPath().getString("detail").contains("#" + open), r.asString());
        assertEquals("RECTIFYING", fixtures.state(v[1]));
        JsonPath p = Plans.get(Plans.county(), plan).jsonPath();
        assertEquals(List.of(), p.getList("acceptances"), "a refused request records no rating");

        // finishing it: DONE needs evidence; doneOn defaults to today
        String taskTag = "\"" + p.getLong("tasks.find { it.id == " + open + " }.revision") + "\"";
        Response bad = as(Plans.township()).header("If-Match", taskTag).body(Plans.task(day().plusDays(5), "DONE", null))
                .put(BASE + "/" + plan + "/tasks/" + open);
        assertEquals(400, bad.statusCode());
        assertEquals(List.of("evidence"), Plans.fields(bad));
        Response ok = as(Plans.township()).header("If-Match", taskTag).body(Plans.task(day().plusDays(5), "DONE", "照片和会议记录"))
                .put(BASE + "/" + plan + "/tasks/" + open);
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals(day().toString(), ok.jsonPath().getString("doneOn"));
        assertEquals("\"" + ok.jsonPath().getLong("revision") + "\"", ok.header("ETag"));
        // the old task ETag is stale now
        Response stale = as(Plans.township()).header("If-Match", taskTag).body(Plans.task(day(), "TODO", null))
                .put(BASE + "/" + plan + "/tasks/" + open);
        assertEquals(412, stale.statusCode());
        assertEquals("DONE", stale.jsonPath().getString("current.status"));
        assertTrue(done > 0);
        Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 2, 2)).then().statusCode(200);
    }

    @Test
    void ratingPointsAtTheEdge() {
        long[] v = fixtures.freshVillage("C05");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        BigDecimal min = new BigDecimal(Plans.get(Plans.county(), plan).jsonPath().getString("settings.acceptanceMinPoints"));
        String below = min.subtract(new BigDecimal("0.01")).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        JsonPath failed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating(below, 10, 10)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("RECTIFYING", failed.getString("state"), "a failed rating leaves the plan rectifying");
        assertEquals("FAILED", failed.getString("acceptances[0].result"));
        assertFalse(failed.getBoolean("acceptances[0].pointsMet"));
        assertTrue(failed.getBoolean("acceptances[0].satisfactionMet"));
        assertEquals(new BigDecimal(below), new BigDecimal(failed.getString("acceptances[0].ratingPoints")));
        assertEquals("RECTIFYING", fixtures.state(v[1]), "findings do not move on a failed rating");

        JsonPath passed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating(min.toPlainString(), 10, 10)).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("ACCEPTED", passed.getString("state"));
        assertEquals(List.of("FAILED", "PASSED"), passed.getList("acceptances.result"));
        assertEquals("ACCEPTED", fixtures.state(v[1]));
    }

    @Test
    void ratingPointsOfSeventyPassAndSixtyNineNinetyNineFailUnderTheDefault() {
        long[] v = fixtures.freshVillage("C06");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        JsonPath settings = Plans.get(Plans.county(), plan).jsonPath();
        // a catalogue in force with another mark: ratingPointsAtTheEdge covers it
        org.junit.jupiter.api.Assumptions.assumeTrue("70".equals(settings.getString("settings.acceptanceMinPoints")));
        assertEquals("FAILED", Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("69.99", 1, 1)).jsonPath()
                .getString("acceptances[0].result"));
        assertEquals("ACCEPTED", Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("70.00", 1, 1)).jsonPath()
                .getString("state"));
    }

    @Test
    void satisfactionAtTheEdgeIsComparedExactly() {
        long[] v = fixtures.freshVillage("C07");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        BigDecimal percent = new BigDecimal(Plans.get(Plans.county(), plan).jsonPath().getString("settings.acceptanceMinSatisfactionPercent"));
        // 10 001 respondents: the exact share needed is not a two-decimal number, so rounding would pass one short
        int respondents = 10_001;
        int needed = percent.multiply(BigDecimal.valueOf(respondents)).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValue();
        JsonPath failed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("100", respondents, needed - 1)).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("FAILED", failed.getString("acceptances[0].result"));
        assertFalse(failed.getBoolean("acceptances[0].satisfactionMet"));
        assertTrue(new BigDecimal(failed.getString("acceptances[0].satisfactionPercent")).compareTo(percent) < 0,
                "the shown share never passes a mark the exact one misses");
        // exactly the mark: 10 000 respondents, percent × 100 satisfied
        int exact = percent.multiply(BigDecimal.valueOf(100)).intValueExact();
        JsonPath below = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("100", 10_000, exact - 1)).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("FAILED", below.getString("acceptances[1].result"));
        JsonPath passed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("100", 10_000, exact)).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("PASSED", passed.getString("acceptances[2].result"));
        assertEquals(0, new BigDecimal(passed.getString("acceptances[2].satisfactionPercent")).compareTo(percent));
        assertEquals("ACCEPTED", passed.getString("state"));
    }

    @Test
    void satisfactionOfExactlyHalfPassesAndJustBelowFailsUnderTheDefault() {
        long[] v = fixtures.freshVillage("C08");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "50".equals(Plans.get(Plans.county(), plan).jsonPath().getString("settings.acceptanceMinSatisfactionPercent")));
        JsonPath failed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("80", 2001, 1000)).jsonPath();
        assertEquals("FAILED", failed.getString("acceptances[0].result"));
        assertEquals("49.97", failed.getString("acceptances[0].satisfactionPercent"));
        JsonPath passed = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("80", 2000, 1000)).jsonPath();
        assertEquals("PASSED", passed.getString("acceptances[1].result"));
        assertEquals("50", passed.getString("acceptances[1].satisfactionPercent"));
    }

    @Test
    void ratingInputIsValidated() {
        long[] v = fixtures.freshVillage("C09");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        Response r = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("100.01", 2, 3));
        assertEquals(400, r.statusCode());
        assertEquals(List.of("ratingPoints", "satisfied"), Plans.fields(r));
        r = Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("7.123", 0, 0));
        assertEquals(400, r.statusCode());
        assertEquals(List.of("ratingPoints", "respondents"), Plans.fields(r).stream().sorted().toList());
        Response noMatch = as(Plans.county()).body(Plans.rating("90", 2, 2)).post(BASE + "/" + plan + "/acceptance");
        assertEquals(428, noMatch.statusCode());
        Response stale = Plans.accept(Plans.county(), plan, "\"999\"", Plans.rating("90", 2, 2));
        assertEquals(412, stale.statusCode());
        assertEquals("RECTIFYING", stale.jsonPath().getString("current.state"));
        assertEquals(List.of(), Plans.get(Plans.county(), plan).jsonPath().getList("acceptances"));
    }

    @Test
    void concurrentAcceptancesNeverBothSucceed() throws Exception {
        long[] v = fixtures.freshVillage("C10");
        long plan = Plans.createId(v[0], day());
        Plans.doneTask(plan, day());
        String etag = Plans.etag(plan);
        List<Integer> statuses = race(() -> Plans.accept(Plans.county(), plan, etag, Plans.rating("95", 10, 9)).statusCode(),
                () -> Plans.accept(Plans.county(), plan, etag, Plans.rating("60", 10, 2)).statusCode());
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        JsonPath p = Plans.get(Plans.county(), plan).jsonPath();
        assertEquals(1, p.getList("acceptances").size(), "exactly one rating recorded");

        // the same for clearance, once accepted
        if (!"ACCEPTED".equals(p.getString("state"))) {
            Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("95", 10, 9)).then().statusCode(200);
        }
        String accepted = Plans.etag(plan);
        statuses = race(() -> Plans.clear(Plans.county(), plan, accepted).statusCode(), () -> Plans.clear(Plans.county(), plan, accepted).statusCode());
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        List<String> events = fixtures.events(v[1]);
        assertEquals(1, events.stream().filter(e -> e.startsWith("ACCEPT ")).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("CLEAR ")).count(), events.toString());
    }

    private static List<Integer> race(Callable<Integer> a, Callable<Integer> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void taskPastItsDeadlineIsOverdueButNotOnItsDeadline() {
        long[] v = fixtures.freshVillage("C01");
        long plan = Plans.createId(v[0], day().minusDays(20));
        long yesterday = Plans.addTask(Plans.township(), plan, Plans.task(day().minusDays(1), null, null)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long onDeadline = Plans.addTask(Plans.township(), plan, Plans.task(day(), "IN_PROGRESS", null)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long doneLate = Plans.addTask(Plans.township(), plan, Plans.task(day().minusDays(7), "DONE", "已整改")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        JsonPath p = Plans.get(Plans.township(), plan).jsonPath();
        assertTrue(p.getBoolean("tasks.find { it.id == " + yesterday + " }.overdue"));
        assertEquals(1, p.getInt("tasks.find { it.id == " + yesterday + " }.daysOverdue"));
        assertFalse(p.getBoolean("tasks.find { it.id == " + onDeadline + " }.overdue"));
        assertEquals(0, p.getInt("tasks.find { it.id == " + onDeadline + " }.daysOverdue"));
        assertFalse(p.getBoolean("tasks.find { it.id == " + doneLate + " }.overdue"), "a DONE task is never overdue");
        assertEquals(1, p.getInt("overdue.tasks"));

        JsonPath line = as(Plans.township()).queryParam("under", v[0]).get(BASE).jsonPath();
        assertEquals(3, line.getInt("items[0].tasks.total"));
        assertEquals(1, line.getInt("items[0].tasks.done"));
        assertEquals(1, line.getInt("items[0].tasks.overdue"));
        assertEquals(List.of((int) plan), as(Plans.township()).queryParam("under", v[0]).queryParam("overdue", "true").get(BASE)
                .jsonPath().getList("items.id"));

        JsonPath board = as(Plans.township()).queryParam("under", v[0]).get("/api/v1/rectification-overdue").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> tasks = board.getList("items.findAll { it.kind == 'TASK' }");
        assertEquals(1, tasks.size());
        assertEquals((int) yesterday, tasks.get(0).get("taskId"));
        assertEquals(1, tasks.get(0).get("daysOverdue"));
        assertEquals(RectificationFixtures.TOWNSHIP, ((Map<?, ?>) tasks.get(0).get("township")).get("code"));
        assertEquals(day().toString(), board.getString("today"));
    }

    @Test
    void aMonthWithoutAVisitIsOverdueAndTheCurrentMonthOnlyDue() {
        long[] v = fixtures.freshVillage("C02");
        LocalDate lastMonthStart = day().minusMonths(1).withDayOfMonth(1);
        long plan = Plans.createId(v[0], lastMonthStart);
        JsonPath p = Plans.get(Plans.township(), plan).jsonPath();
        String last = YearMonth.from(lastMonthStart).toString();
        String current = YearMonth.from(day()).toString();
        assertEquals(List.of(last, current), p.getList("visitCalendar.month"));
        assertEquals(List.of("OVERDUE", "DUE"), p.getList("visitCalendar.status"));
        assertEquals(List.of(0, 0), p.getList("visitCalendar.recorded"));
        assertEquals(1, p.getInt("overdue.visitMonths"));

        JsonPath board = as(Plans.township()).queryParam("under", v[0]).get("/api/v1/rectification-overdue").jsonPath();
        assertEquals(List.of(last), board.getList("items.findAll { it.kind == 'VISIT_MONTH' }.month"));
        assertEquals((int) ChronoUnit.DAYS.between(YearMonth.from(lastMonthStart).atEndOfMonth(), day()),
                board.getInt("items.find { it.kind == 'VISIT_MONTH' }.daysOverdue"));
        assertEquals(1, as(Plans.township()).queryParam("under", v[0]).get(BASE).jsonPath().getInt("items[0].overdueVisitMonths"));

        // a visit this month makes it OK; a late entry for last month clears the overdue month
        Plans.visit(Plans.township(), plan, day()).then().statusCode(201);
        assertEquals(List.of("OVERDUE", "OK"), Plans.get(Plans.township(), plan).jsonPath().getList("visitCalendar.status"));
        Response visit = Plans.visit(Plans.county(), plan, lastMonthStart.plusDays(3));
        assertEquals(201, visit.statusCode(), visit.asString());
        assertEquals("李建国", visit.jsonPath().getString("visitor"));
        p = Plans.get(Plans.township(), plan).jsonPath();
        assertEquals(List.of("OK", "OK"), p.getList("visitCalendar.status"));
        assertEquals(0, p.getInt("overdue.visitMonths"));
        assertEquals(2, p.getList("visits").size());
        assertEquals(List.of(), as(Plans.township()).queryParam("under", v[0]).get("/api/v1/rectification-overdue").jsonPath()
                .getList("items"));
    }

    @Test
    void visitsMustFallBetweenTheStartAndToday() {
        long[] v = fixtures.freshVillage("C03");
        long plan = Plans.createId(v[0], day().minusDays(2));
        Response future = Plans.visit(Plans.township(), plan, day().plusDays(1));
        assertEquals(400, future.statusCode());
        assertEquals(List.of("visitedOn"), Plans.fields(future));
        Response early = Plans.visit(Plans.township(), plan, day().minusDays(3));
        assertEquals(400, early.statusCode());
        assertEquals(List.of("visitedOn"), Plans.fields(early));
        Response deadline = Plans.addTask(Plans.township(), plan, Plans.task(day().minusDays(3), null, null));
        assertEquals(400, deadline.statusCode());
        assertEquals(List.of("deadline"), Plans.fields(deadline));
        Map<String, Object> doneOn = Plans.task(day(), "TODO", null);
        doneOn.put("doneOn", day().toString());
        Response notDone = Plans.addTask(Plans.township(), plan, doneOn);
        assertEquals(400, notDone.statusCode());
        assertEquals(List.of("doneOn"), Plans.fields(notDone));
        assertEquals(0, Plans.get(Plans.township(), plan).jsonPath().getList("visits").size());
    }

    @Test
    void aFindingConfirmedLaterCanBeAttached() {
        long[] v = fixtures.freshVillage("C04");
        long plan = Plans.createId(v[0], day());
        long revision = Plans.get(Plans.county(), plan).jsonPath().getLong("revision");
        long later = fixtures.confirmed(v[0], "C06");
        Response r = as(Plans.township()).body(Map.of("findingId", later, "reason", "新认定的问题一并整顿")).post(BASE + "/" + plan + "/findings");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(List.of("C04", "C06"), r.jsonPath().getList("findings.code"));
        assertEquals(revision + 1, r.jsonPath().getLong("revision"));
        assertEquals("RECTIFYING", fixtures.state(later));
        List<String> events = fixtures.events(later);
        assertTrue(events.get(events.size() - 1).startsWith("RECTIFY CONFIRMED→RECTIFYING: 纳入整顿方案 " + plan), events.toString());
        // again: the finding is RECTIFYING now, so the ledger refuses with its state
        Response again = as(Plans.township()).body(Map.of("findingId", later)).post(BASE + "/" + plan + "/findings");
        assertEquals(409, again.statusCode());
        assertEquals("RECTIFYING", again.jsonPath().getString("state"));
        assertEquals(List.of("ACCEPT"), again.jsonPath().getList("allowedActions"));
        // a suspicion cannot be attached
        long suspected = fixtures.suspected(v[0], "C07");
        Response s = as(Plans.township()).body(Map.of("findingId", suspected)).post(BASE + "/" + plan + "/findings");
        assertEquals(409, s.statusCode());
        assertEquals("SUSPECTED", s.jsonPath().getString("state"));
        // a finding of another organisation: 400 on the field
        long[] other = fixtures.freshVillage("C01");
        Response foreign = as(Plans.township()).body(Map.of("findingId", other[1])).post(BASE + "/" + plan + "/findings");
        assertEquals(400, foreign.statusCode());
        assertEquals(List.of("findingId"), Plans.fields(foreign));
        assertEquals("CONFIRMED", fixtures.state(other[1]));
        // accepted together
        Plans.doneTask(plan, day());
        Plans.accept(Plans.county(), plan, Plans.etag(plan), Plans.rating("90", 5, 5)).then().statusCode(200);
        assertEquals("ACCEPTED", fixtures.state(v[1]));
        assertEquals("ACCEPTED", fixtures.state(later));
        assertEquals("SUSPECTED", fixtures.state(suspected));
    }

    @Test
    void updatingThePlanNeedsTheCurrentETag() {
        long[] v = fixtures.freshVillage("C05");
        long plan = Plans.createId(v[0], day());
        String etag = Plans.etag(plan);
        Map<String, Object> change = Map.of("linkedLeader", Map.of("name", "赵立新", "title", "县委副书记"), "reason", "联系领导调整");
        Response ok = as(Plans.township()).header("If-Match", etag).body(change).put(BASE + "/" + plan);
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals("赵立新", ok.jsonPath().getString("linkedLeader.name"));
        org.junit.jupiter.api.Assertions.assertNull(ok.jsonPath().get("firstSecretary"), "an absent first secretary is removed");
        Response stale = as(Plans.county()).header("If-Match", etag).body(change).put(BASE + "/" + plan);
        assertEquals(412, stale.statusCode());
        assertEquals("赵立新", stale.jsonPath().getString("current.linkedLeader.name"));
        assertEquals(428, as(Plans.county()).body(change).put(BASE + "/" + plan).statusCode());
    }

    @Test
    void listsFilterByStateAndScope() {
        long[] a = fixtures.freshVillage("C08");
        long planA = Plans.createId(a[0], day());
        long planB = Plans.acceptedPlan(fixtures.freshVillage("C09")[0], day());
        long township = fixtures.idOf(RectificationFixtures.TOWNSHIP);
        JsonPath rectifying = as(Plans.county()).queryParam("under", township).queryParam("state", "RECTIFYING").queryParam("size", "200")
                .get(BASE).then().statusCode(200).extract().jsonPath();
        assertTrue(rectifying.getList("items.id").contains((int) planA));
        assertFalse(rectifying.getList("items.id").contains((int) planB));
        assertTrue(rectifying.getList("items.state").stream().allMatch("RECTIFYING"::equals));
        JsonPath accepted = as(Plans.county()).queryParam("state", "ACCEPTED").queryParam("size", "200").get(BASE).jsonPath();
        assertTrue(accepted.getList("items.id").contains((int) planB));
        Response bad = as(Plans.county()).queryParam("state", "DONE").queryParam("overdue", "yes").queryParam("size", "0").get(BASE);
        assertEquals(400, bad.statusCode());
        assertEquals(List.of("overdue", "size", "state"), Plans.fields(bad).stream().sorted().toList());
        // another county's admin sees none of them
        List<Object> foreign = as(Tokens.countyAdmin()).queryParam("size", "200").get(BASE).jsonPath().getList("items.id");
        assertFalse(foreign.contains((int) planA));
        assertFalse(foreign.contains((int) planB));
    }
}

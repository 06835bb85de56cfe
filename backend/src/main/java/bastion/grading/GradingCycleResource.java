package bastion.grading;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.engine.GradingEngine;
import bastion.grading.GradingDtos.GradingResultPage;
import bastion.grading.GradingDtos.GradingRun;
import bastion.grading.GradingDtos.GradingSummary;
import bastion.grading.GradingDtos.TargetInput;
import bastion.grading.GradingDtos.TargetList;
import bastion.grading.GradingDtos.TownshipRanking;
import bastion.grading.GradingDtos.VillageRanking;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Grading of a cycle (升级晋档, DOMAIN §6): starting runs, results, the summary and the rankings (tag grading). */
@Path("/api/v1/cycles/{cycleId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class GradingCycleResource {

    private static final List<String> SORTS = List.of("-index", "index", "divisionCode", "-divisionCode", "name", "-name");

    @Inject
    Caller caller;

    @Inject
    GradingService grading;

    @Inject
    GradingStarter starter;

    @Inject
    GradingRunner runner;

    @Inject
    TargetService targets;

    @POST
    @Path("/grading-runs")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response startGradingRun(@PathParam("cycleId") String cycleId) {
        long cycle = Params.requiredId("cycleId", cycleId);
        long runId = starter.start(cycle);
        runner.launch(runId);
        GradingRun run = starter.read(runId);
        return Response.accepted(run).location(URI.create("/api/v1/grading-runs/" + runId)).build();
    }

    @GET
    @Path("/grading-runs")
    @Transactional
    public List<GradingRun> listGradingRuns(@PathParam("cycleId") String cycleId) {
        return grading.runs(Params.requiredId("cycleId", cycleId));
    }

    private record Query(long cycle, GradingService.Filters filters, int page, int size) {}

    private static Query query(String cycleId, String tier, String gradeClass, String movement, String status, String county,
            String township, String under, String sort, String page, String size) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        GradingEngine.Tier t = params.enumeration("tier", tier, GradingEngine.Tier.class);
        GradingEngine.GradeClass c = params.enumeration("class", gradeClass, GradingEngine.GradeClass.class);
        GradingEngine.Movement m = params.enumeration("movement", movement, GradingEngine.Movement.class);
        GradingEngine.Status st = params.enumeration("status", status, GradingEngine.Status.class);
        Long countyId = params.id("county", county);
        Long townshipId = params.id("township", township);
        Long underId = params.id("under", under);
        String s = params.oneOf("sort", sort, SORTS, "-index");
        int p = params.integer("page", page, 1, 100_000, 1);
        int z = params.integer("size", size, 1, 200, 20);
        if (cycleId != null && cycle == null) {
            params.fail("cycleId", "必须是正整数 / must be a positive id");
        }
        params.check();
        return new Query(cycle, new GradingService.Filters(t == null ? null : t.name(), c == null ? null : c.name(), m == null ? null : m.name(),
                st == null ? null : st.name(), countyId, townshipId, underId, s), p, z);
    }

    @GET
    @Path("/grading-results")
    @Transactional
    public GradingResultPage listGradingResults(@PathParam("cycleId") String cycleId, @QueryParam("tier") String tier,
            @QueryParam("class") String gradeClass, @QueryParam("movement") String movement, @QueryParam("status") String status,
            @QueryParam("county") String county, @QueryParam("township") String township, @QueryParam("under") String under,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("size") String size) {
        Query q = query(cycleId, tier, gradeClass, movement, status, county, township, under, sort, page, size);
        return grading.results(q.cycle(), q.filters(), q.page(), q.size());
    }

    @GET
    @Path("/grading-results.csv")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Transactional
    public Response exportGradingResults(@PathParam("cycleId") String cycleId, @QueryParam("tier") String tier,
            @QueryParam("class") String gradeClass, @QueryParam("movement") String movement, @QueryParam("status") String status,
            @QueryParam("county") String county, @QueryParam("township") String township, @QueryParam("under") String under,
            @QueryParam("sort") String sort) {
        Query q = query(cycleId, tier, gradeClass, movement, status, county, township, under, sort, null, null);
        byte[] csv = grading.csv(q.cycle(), q.filters());
        return Response.ok(csv).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"grading-" + q.cycle() + ".csv\"").build();
    }

    @GET
    @Path("/grading-summary")
    @Transactional
    public Response gradingSummary(@PathParam("cycleId") String cycleId, @QueryParam("under") String under,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        params.check();
        return GradingService.respond(grading.summaryJson(cycle, underId), ifNoneMatch);
    }

    @GET
    @Path("/rankings/villages")
    @Transactional
    public VillageRanking rankVillages(@PathParam("cycleId") String cycleId, @QueryParam("under") String under,
            @QueryParam("limit") String limit) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        int l = params.integer("limit", limit, 1, 1000, 100);
        params.check();
        return grading.villages(cycle, underId, l);
    }

    @GET
    @Path("/rankings/townships")
    @Transactional
    public TownshipRanking rankTownships(@PathParam("cycleId") String cycleId, @QueryParam("under") String under,
            @QueryParam("limit") String limit) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        int l = params.integer("limit", limit, 1, 1000, 10);
        params.check();
        return grading.townships(cycle, underId, l);
    }
}

package bastion.grading;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.engine.GradingEngine;
import bastion.cycle.CycleEntity;
import bastion.grading.GradingDtos.GradingBatch;
import bastion.grading.GradingDtos.GradingBatchInput;
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

/** Grading runs by id and the yearly targets (tag grading); the cycle-scoped operations are in {@link GradingCycleResource}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class GradingResource {

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

    @GET
    @Path("/grading-runs/{runId}")
    @Transactional
    public GradingRun getGradingRun(@PathParam("runId") String runId) {
        return grading.run(Params.requiredId("runId", runId));
    }

    @POST
    @Path("/grading-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response startGradingRuns(@Valid @NotNull GradingBatchInput input) {
        GradingStarter.Batch batch = starter.startAll(input.year(), CycleEntity.Phase.valueOf(input.phase()), input.under());
        List<GradingRun> runs = batch.runIds().stream().map(starter::read).toList();
        runner.launch(batch.runIds());
        return Response.accepted(new GradingBatch(input.year(), input.phase(), runs, batch.skipped())).build();
    }

    @GET
    @Path("/grading-summary")
    @Transactional
    public Response gradingYearSummary(@QueryParam("year") String year, @QueryParam("phase") String phase,
            @QueryParam("under") String under, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Params params = new Params();
        Integer y = params.integer("year", year, 2000, 2100, null);
        CycleEntity.Phase p = params.enumeration("phase", phase, CycleEntity.Phase.class);
        Long underId = params.id("under", under);
        if (y == null && year == null) {
            params.fail("year", "必填 / required");
        }
        if (p == null && phase == null) {
            params.fail("phase", "必填 / required");
        }
        params.check();
        return GradingService.respond(grading.yearSummary(y, p, underId), ifNoneMatch);
    }

    @GET
    @Path("/targets")
    @Transactional
    public TargetList listTargets(@QueryParam("year") String year, @QueryParam("under") String under) {
        Params params = new Params();
        Integer y = params.integer("year", year, 2000, 2100, null);
        if (year == null) {
            params.fail("year", "必填 / is required");
        }
        Long underId = params.id("under", under);
        params.check();
        return targets.list(caller.jurisdiction(), y, underId);
    }

    @PUT
    @Path("/targets/{organizationId}/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response putTarget(@PathParam("organizationId") String organizationId, @PathParam("year") String year,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TargetInput input) {
        Params params = new Params();
        Long org = params.id("organizationId", organizationId);
        Integer y = params.integer("year", year, 2000, 2100, null);
        params.check();
        TargetService.Written w = targets.put(org, y, ifMatch, input);
        return Response.ok(w.target()).tag(Revisions.tag(w.revision())).build();
    }
}

package bastion.rectification;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.rectification.RectificationDtos.AcceptanceInput;
import bastion.rectification.RectificationDtos.ClearanceInput;
import bastion.rectification.RectificationDtos.FindingInput;
import bastion.rectification.RectificationDtos.PlanInput;
import bastion.rectification.RectificationDtos.PlanPage;
import bastion.rectification.RectificationDtos.PlanState;
import bastion.rectification.RectificationDtos.PlanUpdate;
import bastion.rectification.RectificationDtos.PlanView;
import bastion.rectification.RectificationDtos.TaskInput;
import bastion.rectification.RectificationDtos.TaskView;
import bastion.rectification.RectificationDtos.VisitInput;
import bastion.rectification.RectificationDtos.VisitView;
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

/**
 * Rectification plans (整顿) of confirmed lagging organisations. Everyone in scope reads; township
 * officials (their villages) and county admins make plans and keep tasks and visits; only county
 * admins accept (验收) and clear (销号).
 */
@Path("/api/v1/rectification-plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class RectificationResource {

    private static final List<String> BOOLEANS = List.of("true", "false");

    @Inject
    RectificationService plans;

    @GET
    @Transactional
    public PlanPage listPlans(@QueryParam("under") String under, @QueryParam("state") String state, @QueryParam("overdue") String overdue,
            @QueryParam("followUp") String followUp, @QueryParam("page") String page, @QueryParam("size") String size) {
        Params params = new Params();
        Long underId = params.id("under", under);
        PlanState s = params.enumeration("state", state, PlanState.class);
        String o = params.oneOf("overdue", overdue, BOOLEANS, null);
        String f = params.oneOf("followUp", followUp, BOOLEANS, null);
        int p = params.integer("page", page, 1, 100_000, 1);
        int z = params.integer("size", size, 1, 200, 20);
        params.check();
        return plans.list(underId, s, o == null ? null : Boolean.valueOf(o), f == null ? null : Boolean.valueOf(f), p, z);
    }

    @POST
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response createPlan(@NotNull @Valid PlanInput input) {
        PlanView view = plans.create(input);
        return Response.created(URI.create("/api/v1/rectification-plans/" + view.id())).entity(view).tag(Revisions.tag(view.revision()))
                .build();
    }

    @GET
    @Path("/{planId}")
    @Transactional
    public Response getPlan(@PathParam("planId") String planId) {
        PlanView view = plans.get(id(planId));
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @PUT
    @Path("/{planId}")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response updatePlan(@PathParam("planId") String planId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid PlanUpdate input) {
        long id = id(planId);
        PlanView view = plans.update(id, Revisions.ifMatch(ifMatch), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @POST
    @Path("/{planId}/tasks")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response addTask(@PathParam("planId") String planId, @NotNull @Valid TaskInput input) {
        long id = id(planId);
        TaskView task = plans.addTask(id, input);
        return Response.created(URI.create("/api/v1/rectification-plans/" + id + "/tasks/" + task.id())).entity(task)
                .tag(Revisions.tag(task.revision())).build();
    }

    @PUT
    @Path("/{planId}/tasks/{taskId}")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response updateTask(@PathParam("planId") String planId, @PathParam("taskId") String taskId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid TaskInput input) {
        Params params = new Params();
        Long plan = params.id("planId", planId);
        Long task = params.id("taskId", taskId);
        params.check();
        TaskView view = plans.updateTask(plan, task, Revisions.ifMatch(ifMatch), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @POST
    @Path("/{planId}/visits")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response recordVisit(@PathParam("planId") String planId, @NotNull @Valid VisitInput input) {
        VisitView visit = plans.recordVisit(id(planId), input);
        return Response.status(Response.Status.CREATED).entity(visit).build();
    }

    @POST
    @Path("/{planId}/findings")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public Response attachFinding(@PathParam("planId") String planId, @NotNull @Valid FindingInput input) {
        PlanView view = plans.attachFinding(id(planId), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @POST
    @Path("/{planId}/acceptance")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    public Response acceptPlan(@PathParam("planId") String planId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid AcceptanceInput input) {
        long id = id(planId);
        PlanView view = plans.accept(id, Revisions.ifMatch(ifMatch), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @POST
    @Path("/{planId}/clearance")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    public Response clearPlan(@PathParam("planId") String planId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ClearanceInput input) {
        long id = id(planId);
        PlanView view = plans.clear(id, Revisions.ifMatch(ifMatch), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    private static long id(String raw) {
        return Params.requiredId("planId", raw);
    }
}

package bastion.cycle;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.cycle.CycleDtos.CycleInput;
import bastion.cycle.CycleDtos.CycleTransition;
import bastion.cycle.CycleDtos.CycleView;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Grading cycles and their transitions. */
@Path("/api/v1/cycles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class CycleResource {

    @Inject
    Caller caller;

    @Inject
    CycleService cycles;

    @GET
    public List<CycleView> listCycles(@QueryParam("year") String year) {
        Params params = new Params();
        Integer y = params.integer("year", year, 2000, 2100, null);
        params.check();
        return cycles.list(caller.jurisdiction(), y);
    }

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response createCycle(@NotNull @Valid CycleInput input) {
        CycleView view = cycles.create(input);
        return Response.created(URI.create("/api/v1/cycles/" + view.id())).entity(view).tag(Revisions.tag(view.revision()))
                .build();
    }

    @GET
    @Path("/{cycleId}")
    public Response getCycle(@PathParam("cycleId") String cycleId) {
        CycleView view = cycles.get(caller.jurisdiction(), id(cycleId));
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @POST
    @Path("/{cycleId}/transitions")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response transitionCycle(@PathParam("cycleId") String cycleId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CycleTransition transition) {
        long id = id(cycleId);
        CycleView view = cycles.transition(id, Revisions.ifMatch(ifMatch), transition);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    private static long id(String raw) {
        return Params.requiredId("cycleId", raw);
    }
}
